"""argparse's own messages and the commands' help follow [app] language, else the system's."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from econdesk.cli import build_parser
from econdesk.cli.usage import ARGPARSE, HELP, peek_config
from econdesk.i18n import catalogue
from tests.cli.test_language import danish, run

__all__ = ["danish"]  # the fixture, shared with the command line's other language tests


def test_a_usage_error_is_said_in_danish(danish: Path) -> None:
    code, out, err = run("--config", str(danish), "matches", "--state", "sent")
    assert (code, out) == (2, "")
    assert "brug: econdesk matches" in err
    assert "econdesk matches: fejl: argument --state: ugyldigt valg: 'sent'" in err
    code, _, err = run(f"--config={danish}", "report")
    assert code == 2
    assert err.splitlines()[-1] == (
        "econdesk report: fejl: følgende argumenter skal angives: --xlsx"
    )


def test_help_is_danish_with_headings_and_the_commands_own_texts(danish: Path) -> None:
    code, out, _ = run("--config", str(danish), "post", "--help")
    assert code == 0
    assert out.startswith("brug: econdesk post")
    assert "tilvalg:" in out and "vis denne hjælp og afslut" in out
    assert "udskriv de bilag, der ville blive sendt; send ingen" in out


def test_english_stays_as_argparse_says_it(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[app]\nlanguage = "en"\n', encoding="utf-8")
    code, _, err = run("--config", str(config), "report")
    assert code == 2
    assert err.splitlines()[-1] == (
        "econdesk report: error: the following arguments are required: --xlsx"
    )
    _, out, _ = run("--config", str(config), "post", "--help")
    assert "print the vouchers that would be sent; send none" in out


def test_argparse_is_itself_again_after_a_parse(danish: Path) -> None:
    run("--config", str(danish), "report")
    parser = argparse.ArgumentParser(prog="other")
    with pytest.raises(SystemExit):
        parser.parse_args(["--nope"])  # would print in Danish if the translation leaked
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]


def _help_texts(parser: argparse.ArgumentParser) -> Iterator[str]:
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            yield action.help
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if choice.help:
                    yield choice.help
            for sub in action.choices.values():
                yield from _help_texts(sub)


def test_every_help_text_has_a_danish_translation() -> None:
    danish = catalogue("da")
    parser = build_parser()
    texts = {parser.description or "", *_help_texts(parser)}
    missing = sorted(
        t for t in texts
        if danish.translate(HELP, t) == t and danish.translate(ARGPARSE, t) == t
    )  # fmt: skip
    assert not missing, f"help texts without a Danish translation: {missing}"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--config", "a.toml", "sync"], "a.toml"),
        (["--config=b.toml"], "b.toml"),
        (["sync", "--", "--config", "c.toml"], None),
        (["--config"], None),
    ],
)
def test_the_config_is_found_before_the_parse(argv: list[str], expected: str | None) -> None:
    assert peek_config(argv) == expected


def test_an_unexpected_failure_is_one_danish_line(
    danish: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:

    def broken(args: argparse.Namespace, ctx: object) -> int:
        raise KeyError("customer Hansen & Søn ApS")

    monkeypatch.setattr("econdesk.cli.status.run", broken)
    code, _, err = run("--config", str(danish), "status")
    assert code == 1
    (line,) = err.splitlines()
    assert line.startswith("econdesk: status fejlede uventet (KeyError); detaljerne står i ")
    assert "Hansen" not in line


def test_a_wrong_config_is_named_in_danish(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[app]\nlanguage = "da"\n\n[posting]\nprofile = "sideways"\n', encoding="utf-8"
    )
    code, _, err = run("--config", str(config), "status")
    assert code == 2
    assert err == (
        f"econdesk: {config}: posting.profile: forventede 'clearing' eller 'direct', "
        "fik 'sideways'\n"
    )
    config.write_text('[app]\nlanguage = "da"\n\n[economic]\nbank_acount = 5820\n')
    _, _, err = run("--config", str(config), "status")
    assert err.endswith("economic.bank_acount: ukendt nøgle; mente du 'bank_account'?\n")


def test_post_says_what_it_did_in_danish() -> None:
    from econdesk.cli.post import report_text
    from econdesk.i18n.message import say
    from econdesk.services.posting import MatchOutcome, Outcome, PostReport

    report = PostReport(mappings_version=1)
    report.add(MatchOutcome("m-000007", Outcome.UNPOSTED, reason="no VAT code"))
    text = report_text(report, lambda s, *v: say(s, *v).render("da"))
    assert text == "m-000007  ikke overført: no VAT code"
    assert report_text(PostReport(mappings_version=1), lambda s, *v: say(s, *v).render("da")) == (
        "intet at overføre: ingen godkendte afstemninger"
    )
