"""The words a roadmap uses for its plan, in each language the importer reads.

Every table holds plain lower-case words and phrases, not regular expressions: a rule
escapes them (``re.escape``) and matches them case-insensitively; in Latin scripts as
whole words, in Chinese and Japanese (no spaces between words) wherever they occur.
Singular and plural, and spellings without accents ("dia", "modulo"), are listed apart.

The language itself is told by py3langid, a naive Bayes model over byte n-grams, on a
sample of the document's prose (``detect``). Its model takes about half a second to load
(an xz-compressed array file), so it is loaded on the first call, when a roadmap is
imported, never when the app starts; a call on the sample takes a few milliseconds.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

LANGUAGES = ("en", "de", "es", "fr", "pt", "it", "zh", "ja")
"""The languages with a keyword table, and the only answers ``detect`` gives."""

Words = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Keywords:
    """One language's words for the parts of a plan (plain lower-case words/phrases).

    ``every_week``/``every_day`` are the rate phrases ("per week", "/week", "diarias");
    ``toc`` … ``appendix`` name sections that are no part of the plan.
    """

    week: Words
    day: Words
    month: Words
    year: Words
    hours: Words
    minutes: Words
    goal: Words
    resources: Words
    project: Words
    prerequisites: Words
    optional: Words
    phase: Words
    module: Words
    course: Words
    topic: Words
    duration: Words
    effort: Words
    every_week: Words
    every_day: Words
    # Sections that are not the plan.
    toc: Words
    credits: Words
    community: Words
    contributing: Words
    licence: Words
    code_of_conduct: Words
    faq: Words
    logistics: Words
    appendix: Words
    # Further words the structure rules ask for.
    work_through: Words
    """Not a word to find but a phrase to write, capitalised: the text of a prose-only
    plan node's one item ("Work through: …"), in the roadmap's language."""
    activity: Words
    code: Words
    status: Words
    done: Words
    doing: Words
    """A status that is begun, not finished ("in progress", "en curso")."""
    todo: Words
    """A status that is not begun ("not started", "pendiente")."""
    choose_one: Words
    """Phrases that offer alternatives, one to take ("choose one", "elige uno", "任选一")."""
    each: Words
    """Words that say a rule holds for every one of something ("for each topic")."""
    preface: Words
    track_name: Words

    def not_plan(self) -> Words:
        """Every not-plan section name of the table, one tuple."""
        return (
            *self.toc, *self.credits, *self.community, *self.contributing, *self.licence,
            *self.code_of_conduct, *self.faq, *self.logistics, *self.appendix,
        )  # fmt: skip


_EN = Keywords(
    week=("week", "weeks", "wk", "wks"),
    day=("day", "days"),
    month=("month", "months", "mo"),
    year=("year", "years", "yr", "yrs"),
    hours=("hour", "hours", "hr", "hrs", "h"),
    minutes=("minute", "minutes", "min", "mins"),
    goal=("goal", "goals", "objective", "objectives", "learning outcomes", "outcomes", "aim"),
    resources=(
        "resources",
        "resource",
        "references",
        "further reading",
        "reading",
        "materials",
        "links",
        "tools",
        "sources",
        "bibliography",
    ),  # fmt: skip
    project=("project", "projects", "capstone", "final project", "assignment", "assignments"),
    prerequisites=("prerequisites", "prerequisite", "prereqs", "requirements", "before you start"),
    optional=("optional", "bonus", "stretch", "extra", "elective", "electives"),
    phase=("phase", "stage", "part", "level", "milestone"),
    module=("module", "modules", "unit", "units", "chapter", "chapters", "lesson", "lessons"),
    course=("course", "courses", "class", "classes"),
    topic=("topic", "topics", "subject", "subjects", "focus", "activity", "activities"),
    duration=("duration", "length", "time", "timeframe", "period"),
    effort=("effort", "workload", "time commitment", "hours"),
    every_week=("per week", "a week", "each week", "every week", "weekly", "/week", "/wk"),
    every_day=("per day", "a day", "each day", "every day", "daily", "/day"),
    toc=("table of contents", "contents", "toc", "index"),
    credits=(
        "credits",
        "team",
        "instructors",
        "authors",
        "author",
        "contributors",
        "maintainers",
        "sponsors",
        "sponsor",
        "special thanks",
        "thanks",
        "acknowledgements",
        "acknowledgments",
        "testimonials",
        "supporters",
        "backers",
        "about the author",
    ),  # fmt: skip
    community=("community", "discord", "slack", "chat", "support", "contact", "contact info"),
    contributing=(
        "contributing",
        "contribute",
        "how to contribute",
        "how to collaborate",
        "contribution guidelines",
    ),  # fmt: skip
    licence=("license", "licence", "licensing", "copyright"),
    code_of_conduct=("code of conduct",),
    faq=("faq", "faqs", "frequently asked questions", "q&a"),
    logistics=(
        "how to use",
        "how to use this",
        "how to take this course",
        "logistics",
        "tips",
        "certificate",
        "certification",
        "grading",
        "assessment",
    ),  # fmt: skip
    appendix=("appendix",),
    work_through=("Work through",),
    activity=("activity", "activities", "task", "tasks", "content", "lesson", "lessons"),
    code=("code", "id", "#", "no", "nr"),
    status=("status", "state", "progress"),
    done=("done", "completed", "complete", "finished"),
    doing=("in progress", "ongoing", "wip", "underway", "in the works"),
    todo=("not started", "not done", "to do", "todo", "pending", "not yet"),
    choose_one=(
        "choose one",
        "pick one",
        "select one",
        "choose any one",
        "pick any one",
        "choose 1",
        "pick 1",
        "one of the following",
        "either of the following",
        "choose between",
    ),
    each=("each", "every", "per"),
    preface=("introduction", "about", "about this", "preface", "foreword", "overview"),
    track_name=(
        "accelerated",
        "standard",
        "part-time",
        "part time",
        "full-time",
        "full time",
        "intensive",
        "relaxed",
        "fast track",
        "extended",
        "compressed",
    ),  # fmt: skip
)

_DE = Keywords(
    week=("woche", "wochen", "kw"),
    day=("tag", "tage", "tagen"),
    month=("monat", "monate", "monaten"),
    year=("jahr", "jahre", "jahren"),
    hours=("stunde", "stunden", "std", "lernstunden", "h"),
    minutes=("minute", "minuten", "min"),
    goal=("ziel", "ziele", "lernziel", "lernziele", "lernergebnisse"),
    resources=(
        "ressourcen",
        "lernressourcen",
        "quellen",
        "lernquellen",
        "materialien",
        "lernmaterial",
        "literatur",
        "weiterführende literatur",
        "links",
        "referenzen",
        "werkzeuge",
    ),  # fmt: skip
    project=("projekt", "projekte", "abschlussprojekt", "aufgabe", "aufgaben"),
    prerequisites=("voraussetzungen", "voraussetzung", "vorkenntnisse", "anforderungen"),
    optional=("optional", "bonus", "zusatz", "freiwillig", "wahlpflicht", "extra"),
    phase=("phase", "stufe", "abschnitt", "teil", "etappe"),
    module=("modul", "module", "einheit", "einheiten", "kapitel", "lektion", "lektionen"),
    course=("kurs", "kurse", "lehrveranstaltung", "vorlesung"),
    topic=("thema", "themen", "inhalt", "inhalte", "schwerpunkt", "aktivität", "fach"),
    duration=("dauer", "zeitraum", "zeit", "länge"),
    effort=("aufwand", "arbeitsaufwand", "zeitaufwand", "lernaufwand"),
    every_week=(
        "pro woche",
        "je woche",
        "jede woche",
        "in der woche",
        "die woche",
        "wöchentlich",
        "/woche",
    ),  # fmt: skip
    every_day=("pro tag", "am tag", "je tag", "jeden tag", "täglich", "/tag"),
    toc=("inhaltsverzeichnis", "inhaltsübersicht"),
    credits=(
        "danksagung",
        "danksagungen",
        "dank",
        "team",
        "autoren",
        "autor",
        "mitwirkende",
        "sponsoren",
        "unterstützer",
        "dozenten",
        "referenten",
        "über den autor",
    ),  # fmt: skip
    community=("community", "gemeinschaft", "kontakt", "support", "discord", "forum"),
    contributing=("mitwirken", "mitmachen", "beitragen", "beiträge", "mitarbeit"),
    licence=("lizenz", "urheberrecht"),
    code_of_conduct=("verhaltenskodex", "verhaltensregeln"),
    faq=("faq", "häufige fragen", "häufig gestellte fragen"),
    logistics=(
        "verwendung",
        "verwendung dieser vorlage",
        "nutzung",
        "anleitung",
        "organisatorisches",
        "tipps",
        "hinweise",
    ),  # fmt: skip
    appendix=("anhang",),
    work_through=("Durcharbeiten",),
    activity=("aktivität", "aktivitäten", "aufgabe", "aufgaben", "inhalt", "lektion"),
    code=("kürzel", "nr", "nummer", "id"),
    status=("status", "stand", "fortschritt"),
    done=("erledigt", "fertig", "abgeschlossen"),
    doing=("in arbeit", "in bearbeitung", "angefangen"),
    todo=("nicht begonnen", "offen", "ausstehend", "noch nicht"),
    choose_one=(
        "wähle eine",
        "wähle einen",
        "wähle eines",
        "wählen sie eine",
        "wählen sie einen",
        "wählen sie eines",
        "eine der folgenden",
        "einen der folgenden",
        "eines der folgenden",
        "eine davon",
        "einen davon",
        "eines davon",
    ),
    each=("jede", "jeden", "jedes", "jeder", "pro", "je"),
    preface=("einleitung", "einführung", "vorwort", "über", "überblick"),
    track_name=("beschleunigt", "standard", "teilzeit", "vollzeit", "intensiv", "entspannt"),
)

_ES = Keywords(
    week=("semana", "semanas"),
    day=("día", "días", "dia", "dias"),
    month=("mes", "meses"),
    year=("año", "años"),
    hours=("hora", "horas", "h", "hs"),
    minutes=("minuto", "minutos", "min"),
    goal=("objetivo", "objetivos", "meta", "metas"),
    resources=(
        "recursos",
        "recurso",
        "referencias",
        "materiales",
        "bibliografía",
        "enlaces",
        "lecturas",
        "herramientas",
    ),  # fmt: skip
    project=("proyecto", "proyectos", "proyecto final", "práctica", "prácticas"),
    prerequisites=("requisitos", "prerrequisitos", "requisitos previos", "conocimientos previos"),
    optional=("opcional", "opcionales", "extra", "bonus", "adicional"),
    phase=("fase", "etapa", "parte", "nivel"),
    module=("módulo", "módulos", "modulo", "modulos", "unidad", "unidades", "capítulo", "lección"),
    course=("curso", "cursos", "asignatura", "materia"),
    topic=("tema", "temas", "contenido", "contenidos", "actividad", "actividades", "temario"),
    duration=("duración", "duracion", "tiempo", "periodo", "período", "plazo"),
    effort=("esfuerzo", "dedicación", "dedicacion", "carga horaria"),
    every_week=("por semana", "a la semana", "cada semana", "semanal", "semanales", "/semana"),
    every_day=(
        "por día",
        "por dia",
        "al día",
        "al dia",
        "cada día",
        "diario",
        "diaria",
        "diarios",
        "diarias",
        "/día",
        "/dia",
    ),  # fmt: skip
    toc=("índice", "indice", "tabla de contenidos", "tabla de contenido"),
    credits=(
        "créditos",
        "agradecimientos",
        "equipo",
        "autores",
        "autor",
        "colaboradores",
        "patrocinadores",
        "instructores",
        "profesores",
        "testimonios",
    ),  # fmt: skip
    community=("comunidad", "contacto", "soporte", "discord", "foro"),
    contributing=("contribuir", "cómo contribuir", "contribuciones", "colaborar"),
    licence=("licencia", "derechos de autor"),
    code_of_conduct=("código de conducta", "codigo de conducta"),
    faq=("preguntas frecuentes", "faq"),
    logistics=("cómo usar", "como usar", "instrucciones", "consejos", "evaluación"),
    appendix=("apéndice", "anexo"),
    work_through=("Estudiar",),
    activity=("actividad", "actividades", "tarea", "tareas", "contenido", "lección"),
    code=("código", "codigo", "nº", "id"),
    status=("estado", "progreso", "avance"),
    done=("hecho", "completado", "terminado"),
    doing=("en progreso", "en curso", "en proceso"),
    todo=("no iniciado", "sin empezar", "pendiente", "por hacer"),
    choose_one=(
        "elige uno",
        "elige una",
        "elegir uno",
        "elegir una",
        "escoge uno",
        "escoge una",
        "elija uno",
        "elija una",
        "selecciona uno",
        "selecciona una",
        "uno de los siguientes",
        "una de las siguientes",
    ),
    each=("cada", "por cada"),
    preface=("introducción", "introduccion", "acerca de", "prefacio", "presentación"),
    track_name=("acelerado", "estándar", "tiempo parcial", "tiempo completo", "intensivo"),
)

_FR = Keywords(
    week=("semaine", "semaines", "sem"),
    day=("jour", "jours", "journée", "journées"),
    month=("mois",),
    year=("an", "ans", "année", "années"),
    hours=("heure", "heures", "h"),
    minutes=("minute", "minutes", "min"),
    goal=("objectif", "objectifs", "but", "buts"),
    resources=(
        "ressources",
        "références",
        "lectures",
        "liens",
        "matériel",
        "bibliographie",
        "outils",
    ),
    project=("projet", "projets", "projet final", "travail noté", "devoir", "devoirs"),
    prerequisites=("prérequis", "pré-requis", "préalables"),
    optional=("optionnel", "optionnelle", "facultatif", "facultative", "bonus", "extra"),
    phase=("phase", "étape", "partie", "niveau"),
    module=("module", "modules", "unité", "unités", "chapitre", "leçon", "leçons", "séance"),
    course=("cours",),
    topic=("sujet", "sujets", "thème", "thèmes", "activité", "activités", "contenu"),
    duration=("durée", "temps", "période"),
    effort=("effort", "charge de travail", "temps de travail"),
    every_week=("par semaine", "chaque semaine", "à la semaine", "hebdomadaire", "/semaine"),
    every_day=("par jour", "chaque jour", "quotidien", "quotidienne", "/jour"),
    toc=("table des matières", "sommaire"),
    credits=(
        "crédits",
        "remerciements",
        "équipe",
        "auteurs",
        "auteur",
        "contributeurs",
        "sponsors",
        "témoignages",
        "enseignants",
        "formateurs",
    ),  # fmt: skip
    community=("communauté", "contact", "support", "discord", "forum"),
    contributing=("contribuer", "comment contribuer", "contributions"),
    licence=("licence", "droits d'auteur"),
    code_of_conduct=("code de conduite",),
    faq=("faq", "questions fréquentes", "foire aux questions"),
    logistics=("mode d'emploi", "comment utiliser", "utilisation", "conseils", "modalités"),
    appendix=("annexe", "annexes"),
    work_through=("Étudier",),
    activity=("activité", "activités", "tâche", "tâches", "contenu", "leçon"),
    code=("code", "n°", "numéro", "id"),
    status=("statut", "état", "progression"),
    done=("fait", "terminé", "complété"),
    doing=("en cours",),
    todo=("pas commencé", "non commencé", "à faire"),
    choose_one=(
        "choisissez un",
        "choisissez une",
        "choisir un",
        "choisir une",
        "choisis un",
        "choisis une",
        "l'un des suivants",
        "l'une des suivantes",
        "un des suivants",
        "une des suivantes",
    ),
    each=("chaque", "par"),
    preface=("introduction", "à propos", "préface", "avant-propos", "présentation"),
    track_name=("accéléré", "standard", "temps partiel", "temps plein", "intensif"),
)

_PT = Keywords(
    week=("semana", "semanas"),
    day=("dia", "dias"),
    month=("mês", "meses", "mes"),
    year=("ano", "anos"),
    hours=("hora", "horas", "h"),
    minutes=("minuto", "minutos", "min"),
    goal=("objetivo", "objetivos", "meta", "metas", "objetivos de aprendizado"),
    resources=(
        "recursos",
        "referências",
        "materiais",
        "leituras",
        "links",
        "recursos de aprendizado",
        "ferramentas",
    ),  # fmt: skip
    project=("projeto", "projetos", "projeto final"),
    prerequisites=("pré-requisitos", "pre-requisitos", "requisitos"),
    optional=("opcional", "opcionais", "extra", "bônus", "bonus"),
    phase=("fase", "etapa", "parte", "nível"),
    module=("módulo", "módulos", "modulo", "unidade", "unidades", "capítulo", "aula", "aulas"),
    course=("curso", "cursos", "disciplina", "disciplinas"),
    topic=("tópico", "tópicos", "tema", "temas", "conteúdo", "atividade", "atividades"),
    duration=("duração", "duracao", "tempo", "período", "prazo"),
    effort=("esforço", "dedicação", "carga horária"),
    every_week=("por semana", "cada semana", "semanal", "semanais", "/semana"),
    every_day=("por dia", "cada dia", "diário", "diária", "diariamente", "/dia"),
    toc=("índice", "sumário", "tabela de conteúdos"),
    credits=(
        "créditos",
        "agradecimentos",
        "equipe",
        "equipa",
        "autores",
        "autor",
        "colaboradores",
        "patrocinadores",
        "instrutores",
        "depoimentos",
    ),  # fmt: skip
    community=("comunidade", "contato", "contacto", "suporte", "discord", "fórum", "forum"),
    contributing=("contribuir", "como contribuir", "contribuição", "contribuições"),
    licence=("licença", "direitos autorais"),
    code_of_conduct=("código de conduta",),
    faq=("perguntas frequentes", "faq", "dúvidas"),
    logistics=("como usar", "avaliação", "avaliação e certificação", "certificação", "dicas"),
    appendix=("apêndice", "anexo"),
    work_through=("Estudar",),
    activity=("atividade", "atividades", "tarefa", "tarefas", "conteúdo", "aula"),
    code=("código", "codigo", "nº", "id"),
    status=("status", "estado", "progresso", "andamento"),
    done=("feito", "concluído", "concluido", "completo"),
    doing=("em andamento", "em progresso", "em curso"),
    todo=("não iniciado", "nao iniciado", "pendente", "a fazer"),
    choose_one=(
        "escolha um",
        "escolha uma",
        "escolher um",
        "escolher uma",
        "selecione um",
        "selecione uma",
        "um dos seguintes",
        "uma das seguintes",
    ),
    each=("cada", "por cada"),
    preface=("introdução", "introducao", "sobre", "prefácio", "apresentação"),
    track_name=("acelerado", "padrão", "meio período", "tempo integral", "intensivo"),
)

_IT = Keywords(
    week=("settimana", "settimane"),
    day=("giorno", "giorni"),
    month=("mese", "mesi"),
    year=("anno", "anni"),
    hours=("ora", "ore", "h"),
    minutes=("minuto", "minuti", "min"),
    goal=("obiettivo", "obiettivi", "traguardi"),
    resources=("risorse", "riferimenti", "materiali", "letture", "link", "bibliografia"),
    project=("progetto", "progetti", "progetto finale"),
    prerequisites=("prerequisiti", "requisiti", "conoscenze preliminari"),
    optional=("opzionale", "opzionali", "facoltativo", "facoltativa", "extra", "bonus"),
    phase=("fase", "tappa", "parte", "livello"),
    module=("modulo", "moduli", "unità", "capitolo", "lezione", "lezioni"),
    course=("corso", "corsi", "insegnamento"),
    topic=("argomento", "argomenti", "tema", "temi", "contenuto", "contenuti", "attività"),
    duration=("durata", "tempo", "periodo"),
    effort=("impegno", "carico di lavoro", "sforzo"),
    every_week=(
        "a settimana",
        "alla settimana",
        "per settimana",
        "ogni settimana",
        "settimanale",
        "settimanali",
        "/settimana",
    ),  # fmt: skip
    every_day=("al giorno", "per giorno", "ogni giorno", "giornaliero", "quotidiano", "/giorno"),
    toc=("indice", "sommario"),
    credits=(
        "crediti",
        "ringraziamenti",
        "squadra",
        "team",
        "autori",
        "autore",
        "collaboratori",
        "sponsor",
        "docenti",
        "testimonianze",
    ),  # fmt: skip
    community=("comunità", "contatti", "supporto", "discord", "forum"),
    contributing=("contribuire", "come contribuire", "contributi"),
    licence=("licenza", "diritti d'autore"),
    code_of_conduct=("codice di condotta",),
    faq=("domande frequenti", "faq"),
    logistics=("come usare", "istruzioni", "utilizzo", "consigli", "valutazione"),
    appendix=("appendice",),
    work_through=("Studiare",),
    activity=("attività", "compito", "compiti", "contenuto", "lezione"),
    code=("codice", "n.", "id"),
    status=("stato", "avanzamento", "progresso"),
    done=("fatto", "completato", "terminato"),
    doing=("in corso",),
    todo=("non iniziato", "da fare", "in attesa"),
    choose_one=(
        "scegli uno",
        "scegli una",
        "scegliere uno",
        "scegliere una",
        "scegline uno",
        "scegline una",
        "uno dei seguenti",
        "una delle seguenti",
    ),
    each=("ogni", "ciascun", "ciascuna", "ciascuno", "per ogni"),
    preface=("introduzione", "informazioni", "prefazione", "premessa", "panoramica"),
    track_name=("accelerato", "standard", "part-time", "tempo pieno", "intensivo"),
)

_ZH = Keywords(  # Simplified and Traditional characters
    week=("周", "週", "星期"),
    day=("天", "日"),
    month=("个月", "個月", "月"),
    year=("年",),
    hours=("小时", "小時", "钟头", "h"),
    minutes=("分钟", "分鐘", "min"),
    goal=("目标", "目標", "学习目标", "目的"),
    resources=("资源", "資源", "推荐资源", "参考资料", "参考", "资料", "数据源", "工具", "链接"),
    project=("项目", "項目", "实战", "综合项目", "作业"),
    prerequisites=("前置知识", "先修", "预备知识", "先决条件", "前提"),
    optional=("可选", "选修", "選修", "选做", "拓展", "扩展", "加分"),
    phase=("阶段", "階段", "部分"),
    module=("模块", "模組", "单元", "單元", "章节", "章", "课时"),
    course=("课程", "課程"),
    topic=("主题", "主題", "内容", "內容", "任务", "任务安排", "专题"),
    duration=("时间", "時間", "时长", "時長", "时间周期", "周期", "期限"),
    effort=("工作量", "投入", "学时", "學時"),
    every_week=("每周", "每週", "每星期", "/周"),
    every_day=("每天", "每日", "/天"),
    toc=("目录", "目錄"),
    credits=("致谢", "鸣谢", "感谢", "团队", "作者", "贡献者", "赞助", "赞助商"),
    community=("社区", "社群", "交流群", "联系", "联系方式"),
    contributing=("贡献", "参与贡献", "如何贡献"),
    licence=("许可证", "许可", "授权", "版权", "协议"),
    code_of_conduct=("行为准则",),
    faq=("常见问题", "问答", "faq"),
    logistics=("使用说明", "如何使用", "建议与反馈", "建议"),
    appendix=("附录", "附錄"),
    work_through=("学习",),
    activity=("活动", "任务", "内容", "课程内容"),
    code=("编号", "代码", "序号"),
    status=("状态", "进度"),
    done=("已完成",),
    doing=("进行中", "進行中", "学习中"),
    todo=("未开始", "未開始", "待办", "待完成"),
    choose_one=(
        "任选一",
        "任选其一",
        "选其一",
        "选择其一",
        "二选一",
        "三选一",
        "多选一",
        "选择一个",
        "选一个",
    ),
    each=("每个", "每一", "每门", "每"),
    preface=("简介", "介绍", "前言", "概述", "说明"),
    track_name=("加速", "标准", "兼职", "全职", "强化"),
)

_JA = Keywords(
    week=("週", "週間", "週目"),
    day=("日", "日間", "日目"),
    month=("ヶ月", "か月", "カ月", "ヵ月", "ケ月", "月"),
    year=("年", "年間"),
    hours=("時間", "h"),
    minutes=("分", "min"),
    goal=("目標", "ゴール", "目的"),
    resources=("リソース", "参考資料", "参考", "資料", "教材", "リンク"),
    project=("プロジェクト", "制作", "成果物"),
    prerequisites=("前提条件", "前提知識", "必要な知識", "前提"),
    optional=("任意", "オプション", "おまけ", "発展"),
    phase=("フェーズ", "段階", "ステップ"),
    module=("モジュール", "単元", "章", "ユニット", "レッスン"),
    course=("コース", "講座", "授業", "カリキュラム"),
    topic=("トピック", "テーマ", "内容", "学習内容", "タスク"),
    duration=("期間", "時間", "期限"),
    effort=("工数", "学習時間", "所要時間"),
    every_week=("毎週", "週に", "週あたり", "/週"),
    every_day=("毎日", "日に", "1日", "一日", "1日あたり", "/日"),
    toc=("目次",),
    credits=("謝辞", "クレジット", "チーム", "著者", "スポンサー", "貢献者", "協力者"),
    community=("コミュニティ", "連絡先", "お問い合わせ", "サポート"),
    contributing=("貢献", "貢献方法", "コントリビュート", "コントリビューション"),
    licence=("ライセンス", "著作権"),
    code_of_conduct=("行動規範",),
    faq=("よくある質問", "faq", "q&a"),
    logistics=("使い方", "使用方法", "進め方", "ヒント"),
    appendix=("付録",),
    work_through=("学習",),
    activity=("アクティビティ", "タスク", "内容", "課題"),
    code=("コード", "番号", "id"),
    status=("ステータス", "状態", "進捗"),
    done=("完了済み", "済み"),
    doing=("進行中", "学習中", "取り組み中"),
    todo=("未着手", "未開始", "未完了"),
    choose_one=(
        "いずれか",
        "どれか1つ",
        "どれか一つ",
        "1つ選",
        "一つ選",
        "から1つ選",
        "から一つ選",
    ),
    each=("各", "それぞれ", "ごと"),
    preface=("はじめに", "序文", "概要", "イントロダクション"),
    track_name=("短期集中", "標準", "パートタイム", "フルタイム"),
)

_TABLES: dict[str, Keywords] = {
    "en": _EN, "de": _DE, "es": _ES, "fr": _FR, "pt": _PT, "it": _IT, "zh": _ZH, "ja": _JA,
}  # fmt: skip


def keywords(language: str) -> Keywords:
    """The language's table ("pt-BR" → pt); English for a language without one."""
    return _TABLES.get(language[:2].lower(), _EN)


def _union(tables: Iterable[Keywords]) -> Keywords:
    merged: dict[str, Any] = {}
    for table in tables:
        for field in fields(Keywords):
            words = merged.setdefault(field.name, {})
            words.update(dict.fromkeys(getattr(table, field.name)))
    return Keywords(**{name: tuple(words) for name, words in merged.items()})


@lru_cache(maxsize=1)
def all_keywords() -> Keywords:
    """Every language's words in one table, for text whose language is unsure."""
    return _union(_TABLES[language] for language in LANGUAGES)


# --- detection ------------------------------------------------------------------------

SAMPLE_SIZE = 8_000
"""About how many characters of prose ``detect`` reads, in windows across the text."""
_WINDOWS = 8
_MIN_LETTERS = 12
"""Fewer letters than this (in UTF-8 bytes, so a Chinese character counts as three, about
a word) say nothing of a language: such a text is English."""

_NOT_PROSE = re.compile(
    r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$"  # fenced code
    r"|`[^`\n]*`"  # code spans
    r"|<!--.*?-->"  # comments
    r"|<[^>\n]*>"  # HTML tags
    r"|\]\([^)\s]*\)"  # link targets
    r"|\b[a-z][a-z0-9+.-]*://\S+"  # bare links
    r"|[@#][a-z]+@"  # roadmap.sh tags
    r"|&[a-z]+;|&#\d+;",
    re.DOTALL | re.MULTILINE | re.IGNORECASE,
)
_LETTER = re.compile(r"[^\W\d_]")


def _windows(text: str, width: int) -> str:
    step = len(text) // _WINDOWS
    return "\n".join(text[i * step : i * step + width] for i in range(_WINDOWS))


def sample(text: str, size: int = SAMPLE_SIZE) -> str:
    """The text's prose, without code, links and HTML; windows across it if long.

    A long text is first cut into windows four times as wide, each cleaned apart, so a
    5 MB text costs what 32 kB do.
    """
    if len(text) > 4 * size:
        text = _windows(text, 4 * size // _WINDOWS)
    prose = _NOT_PROSE.sub(" ", text)
    if len(prose) <= size:
        return prose
    return _windows(prose, size // _WINDOWS)


_LOADING = threading.Lock()
_LOADED: list[Any] = []
"""The identifier, once loaded (a list, so that ``release`` can empty it)."""


def _identifier() -> Any:
    """py3langid's model, limited to the languages with a table (loaded once, ~0.5 s)."""
    with _LOADING:
        if not _LOADED:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
            identifier.set_languages(list(LANGUAGES))
            _LOADED.append(identifier)
        return _LOADED[0]


def warm() -> None:
    """Start loading the model in the background, while the document is parsed.

    Most of the load is xz decompression, which runs without the GIL, so a big
    document's parse and the load overlap; ``detect`` waits for the load to finish.
    """
    if not _LOADED and not _LOADING.locked():
        threading.Thread(target=_identifier, name="syllabus-langid", daemon=True).start()


def release() -> None:
    """Drop the loaded model (about 90 MB), e.g. when an import screen closes."""
    with _LOADING:
        _LOADED.clear()


def detect(text: str) -> str:
    """The language of a document: one of ``LANGUAGES``, "en" when it cannot be told."""
    prose = sample(text)
    if len("".join(_LETTER.findall(prose)).encode()) < _MIN_LETTERS:
        return "en"
    language = str(_identifier().classify(prose)[0])
    return language if language in LANGUAGES else "en"
