"""The start-up reference: the smallest real Textual app (Header, a Label, Footer).

Run as a script in the benchmark terminal; its first frame is the Footer's text.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Label


class MinimalApp(App[None]):
    """Header, one Label, Footer: what every Textual app pays to show a frame."""

    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Hello from the reference app")
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()
