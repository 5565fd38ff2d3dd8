"""`newsrag`: a thin shell over the library. Errors a user can cause print one line and exit 1."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rag.errors import NewsragError

EXIT_USAGE = 2
LLM_HELP = (
    "answer with a model: llamacpp:PATH.gguf, llamacpp:smollm2, or openai:MODEL@http://HOST:PORT/v1 "
    "(key in NEWSRAG_LLM_API_KEY); 'extractive' for quotes only (NEWSRAG_LLM; default extractive)"
)


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--index-dir", type=Path, help="where the index lives (default ./.newsrag; NEWSRAG_INDEX_DIR)")
    common.add_argument("--chroma-url", help="use a Chroma server, e.g. http://127.0.0.1:8000 (NEWSRAG_CHROMA_URL)")
    common.add_argument("--quiet", "-q", action="store_true", help="no progress bars")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="newsrag", description="Cited answers from a news archive (Chroma + MiniLM, offline)."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser(
        "ingest", parents=[common], help="add or update articles from files, folders, article pages or feeds"
    )
    ingest.add_argument(
        "paths", nargs="+", metavar="PATH_OR_URL",
        help=".md, .txt, .jsonl, .jsonl.gz, .html files or folders; http(s) URLs of article pages or RSS/Atom feeds",
    )

    watch = commands.add_parser(
        "watch", parents=[common], help="poll RSS/Atom feeds and ingest new or changed entries"
    )
    watch.add_argument("feeds", nargs="*", metavar="FEED", help="feed URLs (default: feeds in newsrag.toml)")
    watch.add_argument("--every", default="15m", help="time between polls, e.g. 30s, 15m, 1h (default 15m)")
    watch.add_argument("--rounds", type=int, help="stop after N polls of every feed (default: run until Ctrl-C)")
    watch.add_argument("--once", action="store_true", help="poll every feed once and stop (same as --rounds 1)")

    rebuild = commands.add_parser("rebuild", parents=[common], help="rebuild the index from the corpus, atomically")
    rebuild.add_argument("--corpus", type=Path, action="append", help="corpus folder or file (default ./corpus)")

    ask = commands.add_parser("ask", parents=[common], help="answer a question with cited sources")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the Answer as one JSON object")
    ask.add_argument("--source", action="append", help="only this outlet (repeatable)")
    ask.add_argument("--since", help="only articles published on or after YYYY-MM-DD")
    ask.add_argument("--until", help="only articles published on or before YYYY-MM-DD")
    ask.add_argument("--as-of", help="the day the question is asked (default today)")
    ask.add_argument("--llm", metavar="SPEC", help=LLM_HELP)
    ask.add_argument(
        "--option", action="append", metavar="TEXT",
        help="a candidate answer (repeatable): the answer names the option the sources support",
    )

    commands.add_parser("stats", parents=[common], help="what the index holds")

    check = commands.add_parser(
        "check", parents=[common], help="verify the index against its manifest; exit 1 when something is wrong"
    )
    check.add_argument(
        "--repair", action="store_true",
        help="mend what can be mended (orphan and incomplete chunks, sidecars, counts, leftovers)",
    )

    evaluate = commands.add_parser("eval", parents=[common], help="score retrieval and answers on a questions file")
    evaluate.add_argument("questions", type=Path, help="JSON Lines: question, asked_on, choices, answer, gold ids")
    evaluate.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    evaluate.add_argument("--mode", choices=["hybrid", "dense", "keyword"], help="retrieval mode (default hybrid)")
    evaluate.add_argument("--no-dates", action="store_true", help="ignore the questions' time words")
    evaluate.add_argument("--no-stories", action="store_true", help="do not group copies of a story")
    evaluate.add_argument("--no-headlines", action="store_true", help="do not rank articles by their headlines")
    evaluate.add_argument("--limit", type=int, help="only the first N questions")
    evaluate.add_argument(
        "--details", type=Path, metavar="FILE",
        help="also write one JSON line per question to FILE: articles retrieved, gold rank, answer, right or not",
    )
    evaluate.add_argument(
        "--no-options", action="store_true",
        help="pose each question alone, without its choices as options (scores the open answer)",
    )

    serve = commands.add_parser("serve", parents=[common], help="serve the chat page on 127.0.0.1")
    serve.add_argument("--port", type=int, help="port (default 7860; GRADIO_SERVER_PORT)")
    serve.add_argument("--host", help="address to bind (default 127.0.0.1); others need --auth or --no-auth")
    serve.add_argument("--llm", metavar="SPEC", help=LLM_HELP)
    from ui import add_auth_arguments  # ui.py imports nothing heavy at module level

    add_auth_arguments(serve)
    return parser


def _config(args):
    from rag.config import Config

    return Config.load(index_dir=args.index_dir, chroma_url=args.chroma_url, llm=getattr(args, "llm", None))


def _print_problems(problems) -> None:
    for problem in problems:
        print(f"skipped {problem}", file=sys.stderr)


def cmd_ingest(args) -> int:
    from rag.web import is_url

    urls = [p for p in args.paths if is_url(p)]
    paths = [Path(p) for p in args.paths if not is_url(p)]
    for raw in args.paths:
        if not is_url(raw) and not Path(raw).exists():
            if "://" in raw:
                raise NewsragError(f"{raw}: not a file, nor an http(s) URL with a host (write https://host/path)")
            raise NewsragError(f"{raw}: no such file or directory")
    config = _config(args)
    if not urls:
        from rag.indexing import ingest

        report = ingest(paths, config, progress=not args.quiet)
    else:
        from rag.articles import load_paths
        from rag.feeds import load_urls
        from rag.indexing import ingest_articles
        from rag.web import Fetcher

        loaded = load_paths(paths) if paths else None
        with Fetcher.from_config(config, allow_private=True) as fetcher:  # the user's own command: any address
            fetched = load_urls(urls, fetcher)
        articles = (loaded.articles if loaded else []) + fetched.articles
        problems = (loaded.problems if loaded else []) + fetched.problems
        for note in (loaded.notes if loaded else []) + fetched.notes:
            print(f"note: {note}", file=sys.stderr)
        if not articles:
            _print_problems(problems)
            raise NewsragError("nothing to ingest: every entry was skipped (see above)")
        report = ingest_articles(articles, config, problems=problems, progress=not args.quiet)
        if loaded:
            report.duplicates += loaded.duplicates
    _print_problems(report.problems)
    print(report.summary())
    return 0


def cmd_watch(args) -> int:
    from rag.watch import Watcher, parse_duration

    try:
        every = parse_duration(args.every)
    except ValueError as exc:
        raise NewsragError(f"--every: {exc}") from None
    if args.rounds is not None and args.rounds < 1:
        raise NewsragError("--rounds must be 1 or more")
    config = _config(args)
    watcher = Watcher(args.feeds or config.feeds, config)
    rounds = 1 if args.once else args.rounds
    changed = watcher.run(rounds=rounds, every=every)
    if rounds is not None:
        print(f"{changed} {'article' if changed == 1 else 'articles'} added or updated")
    return 0


def cmd_rebuild(args) -> int:
    from rag.indexing import rebuild

    config = _config(args)
    corpus = args.corpus or [config.corpus_dir]
    for path in corpus:
        if not Path(path).exists():
            raise NewsragError(f"{path}: no such file or directory (pass --corpus DIR)")
    report = rebuild(corpus, config, progress=not args.quiet)
    _print_problems(report.problems)
    print(report.summary())
    return 0


def cmd_stats(args) -> int:
    from rag.store import Store

    config = _config(args)
    store = Store(config)
    manifest = store.read_manifest()
    if manifest is None:
        raise NewsragError(f"no index at {config.index_dir}: run `newsrag rebuild`")
    print(f"articles:   {manifest.articles}")
    print(f"chunks:     {manifest.chunks}")
    shown = ", ".join(manifest.sources[:8]) + (", ..." if len(manifest.sources) > 8 else "")
    print(f"sources:    {len(manifest.sources)} ({shown})")
    print(f"dates:      {manifest.date_min or '?'} .. {manifest.date_max or '?'}")
    print(f"model:      {manifest.model} ({manifest.embed_backend}, {manifest.chunk_tokens} word-pieces)")
    print(f"index:      {store.location} (collection {manifest.collection})")
    print(f"updated:    {manifest.updated}")
    return 0


def cmd_check(args) -> int:
    from rag.check import check

    report = check(_config(args), repair=args.repair)
    for line in report.lines(repair=args.repair):
        print(line)
    if args.repair:
        return 1 if report.needs_rebuild or report.reingest else 0
    return 0 if report.ok else 1


def format_answer(answer) -> str:
    """The answer, then its numbered sources: outlet, date, title, link and the quoted sentence."""
    lines = [answer.text, ""]
    lines += [f"Note: {note}" for note in getattr(answer, "notes", ())]
    if lines[-1] != "":
        lines.append("")
    for c in answer.citations:
        lines.append(f"[{c.n}] {c.source or 'unknown outlet'}, {c.published or 'undated'}: {c.title}")
        if c.url:
            lines.append(f"    {c.url}")
        lines.append(f"    \"{c.quote}\"")
        if not c.supported:
            lines.append("    ⚠ unsupported: this passage does not back the sentence")
        if c.also_reported_by:
            lines.append(f"    also reported by: {', '.join(c.also_reported_by)}")
    if answer.options:
        lines.append(f"(options: {' | '.join(answer.options)})")
    lines.append(f"(as of {answer.as_of}; {answer.mode})")
    return "\n".join(lines).rstrip()


def cmd_ask(args) -> int:
    from rag.chat import Assistant, question_and_options

    question, options = question_and_options(args.question, args.option)  # fail fast, before any model loads
    filters = {"sources": args.source or (), "since": args.since, "until": args.until}
    assistant = Assistant(_config(args))
    if assistant.llm_spec is not None:
        assistant.model().check()  # a model server that is down: say so before the index loads
    answer = assistant.ask(question, filters=filters, as_of=args.as_of, options=options)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False))
    else:
        print(format_answer(answer))
    return 0


def cmd_eval(args) -> int:
    from rag.chat import Assistant
    from rag.config import Config
    from rag.evaluation import evaluate, format_metrics, load_questions

    questions = load_questions(args.questions)[: args.limit]
    config = Config.load(
        index_dir=args.index_dir,
        chroma_url=args.chroma_url,
        retrieval_mode=args.mode,
        use_dates=False if args.no_dates else None,
        use_stories=False if args.no_stories else None,
        use_headlines=False if args.no_headlines else None,
    )
    if args.details and not args.details.resolve().parent.is_dir():  # said before a long run, not after it
        raise NewsragError(f"--details {args.details}: no folder {args.details.resolve().parent} (create it first)")
    details: list[dict] | None = [] if args.details else None
    metrics = evaluate(
        Assistant(config), questions, progress=not args.quiet and not args.json, options=not args.no_options,
        details=details,
    )
    if args.details:
        try:
            args.details.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in details),
                                    encoding="utf-8")
        except OSError as exc:
            raise NewsragError(f"--details {args.details}: cannot write it ({exc.strerror})") from None
    print(json.dumps(metrics) if args.json else format_metrics(metrics))
    return 0


def cmd_serve(args) -> int:
    import ui

    return ui.main(_serve_argv(args))


def _serve_argv(args) -> list[str]:
    argv = []
    if args.port:
        argv += ["--port", str(args.port)]
    if args.host:
        argv += ["--host", args.host]
    if args.index_dir:
        argv += ["--index-dir", str(args.index_dir)]
    if args.chroma_url:
        argv += ["--chroma-url", args.chroma_url]
    if args.llm:
        argv += ["--llm", args.llm]
    for login in args.auth or ():
        argv += ["--auth", login]
    if args.auth_file:
        argv += ["--auth-file", str(args.auth_file)]
    if args.no_auth:
        argv.append("--no-auth")
    return argv


COMMANDS = {
    "ingest": cmd_ingest,
    "watch": cmd_watch,
    "rebuild": cmd_rebuild,
    "ask": cmd_ask,
    "stats": cmd_stats,
    "check": cmd_check,
    "eval": cmd_eval,
    "serve": cmd_serve,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except NewsragError as exc:
        print(f"newsrag: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("newsrag: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
