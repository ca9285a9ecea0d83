"""Every set of words the verdict rules look a token's key up in holds the words as keys are made
(crawler/align.py `tokenize`: casefolded, so German's "ß" is "ss"): a set that wrote "außer",
"ließ" or "dreißig" as printed never matched that word, and the rule it served (an exception, a
verb bracket, "not even" before a number) was silently off for it."""

import importlib
import pkgutil

import pytest

import crawler.verdicts
from crawler.align import tokenize
from crawler.verdicts.words import keys

MODULES = [importlib.import_module(f"crawler.verdicts.{module.name}")
           for module in pkgutil.iter_modules(crawler.verdicts.__path__)]


def _word_sets():
    """(module, name, set) of every module-level set of words (of letters: punctuation sets are
    looked up by the character as printed)."""
    for module in MODULES:
        for name, value in vars(module).items():
            if isinstance(value, frozenset) and value and all(isinstance(word, str) for word in value) \
                    and any(word[:1].isalpha() for word in value):
                yield module.__name__, name, value


@pytest.mark.parametrize("module, name, words", list(_word_sets()), ids=lambda v: v if isinstance(v, str) else "")
def test_a_word_set_holds_its_words_as_keys(module, name, words):
    unkeyed = sorted(word for word in words if len(tokenize(word)) == 1 and tokenize(word)[0].key != word
                     and tokenize(word)[0].key not in words)
    assert unkeyed == [], f"{module}.{name} writes {unkeyed} as no key is made: write them with words.keys()"


def test_keys_fold_as_tokens_do():
    assert keys("außer Gemäß ließ") == frozenset({"ausser", "gemäss", "liess"})
    assert {token.key for token in tokenize("außer Gemäß ließ")} == keys("außer Gemäß ließ")
