"""Handlers for the CLI's subcommands, one module per area; ``cli`` parses and dispatches."""
