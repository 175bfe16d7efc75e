"""The native-property search: the names people use find HubSpot's own property first."""

from __future__ import annotations

from hubwizard import natives


def names(object_name: str, query: str) -> list[str]:
    return [p.name for p in natives.search(object_name, query)]


def test_no_query_lists_every_native_property_in_catalogue_order():
    assert names("deals", "") == [p.name for p in natives.natives_of("deals")]
    assert names("deals", "  ") == names("deals", "")


def test_an_exact_common_name_comes_first_even_when_short():
    assert names("deals", "CA")[0] == "amount"  # "ca" is inside many other words
    assert names("deals", "revenue")[0] == "amount"
    assert names("companies", "revenue")[0] == "annualrevenue"  # the same word, another object
    assert names("contacts", "source")[0] == "hs_analytics_source"


def test_words_that_only_name_the_object_are_dropped():
    assert names("deals", "Deal revenue")[0] == "amount"
    assert names("contacts", "Source du contact")[0] == "hs_analytics_source"
    assert names("deals", "商机金额")[0] == "amount"


def test_word_beginnings_come_before_mere_mentions():
    found = names("deals", "clo da")
    assert found[0] == "closedate"
    assert names("deals", "close")[0] == "closedate"


def test_nothing_matches_nothing():
    assert names("deals", "no such thing at all") == []
    assert names("tickets", "chiffre d'affaires") == []


def test_the_synonyms_of_natives_synonyms_are_part_of_the_catalogue():
    amount = next(p for p in natives.natives_of("deals") if p.name == "amount")
    assert "chiffre d'affaires" in amount.synonyms and "montant" in amount.synonyms
