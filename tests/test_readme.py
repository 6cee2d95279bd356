"""The README documents every setting and the two set-up commands."""

from pathlib import Path

from registry.config import PREFIX, SETTINGS

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme():
    missing = [PREFIX + name for name in SETTINGS if f"`{PREFIX}{name}`" not in README]
    assert not missing, f"add to the README's configuration table: {missing}"


def test_the_two_commands_are_shown():
    assert "make run" in README and "make test" in README
