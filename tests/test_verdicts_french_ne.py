"""French "ne" and the words that go with it (crawler.verdicts, crawler/align.py `tokenize`).

An elided "n'" is a word of its own, in capitals too, never the "N'" of a name (N'Djamena,
N'Golo): dropped or hidden with its partner ("pas", "jamais", "plus", "aucun") it is a
negation, while an expletive "ne", the restrictive "ne … que" (only), and "plus tard", "plus ou
moins" after a name's "N'" deny nothing.  "Aucun … ne", "nul" and "qu'aucun" deny as the
subject's determiner across a relative clause or an aside, not from another clause or as a
negated verb's object; after pouvoir, devoir, aller, vouloir and savoir the pronoun before the
infinitive is no article, while a noun (one shaped like an infinitive too) keeps its article."""

from __future__ import annotations

import pytest

from crawler.align import tokenize
from crawler.verdicts import judge
from tests.judging import judged

ONLY = "La France ne reconnaît que la souveraineté de l'Ukraine."   # ne … que: only

SAURAIT = "La France ne saurait accepter que la Russie viole le droit international."

FRENCH_GOES_ON = [
    ("Aucun doute : la France a reconnu les élections.", "Aucun doute : la France a reconnu les élections."),
    ("Aucun doute n'est permis", "Aucun doute n'est permis : la France a reconnu les élections."),
    ("… a reconnu les élections", "Il n'y a aucun doute que la France a reconnu les élections."),
    ("… reconnu les élections", "Aucun observateur n'était présent, mais la France a reconnu les élections."),
    ("… reconnu que la souveraineté de l'Ukraine", "La France n'a reconnu que la souveraineté de l'Ukraine."),
    ("… ha preso atto", "Nessun dubbio: il Ministro ne ha preso atto."),
    ("… reconnu les élections", "Aucun pays ne conteste que la France a reconnu les élections."),
    ("… l'annexion", "La France ne reconnaît aucunement l'annexion."),
    ("… avons reconnues", "Nous les avons reconnues."),
    ("Nous les avons", "Nous les avons plus tard reconnues."),
]


def test_french_elided_ne_dropped_is_a_negation_not_a_changed_word():
    """"n'acceptera" was one word: "acceptera" for it read as a replaced word, no negation."""
    verdict = judge("L'Union européenne acceptera le résultat des élections.",
                    "L'Union européenne n'acceptera le résultat des élections.")
    assert verdict.verdict == "altered"
    assert verdict.reason == "words changed: n' → ∅"
    assert verdict.changes == [{"source": "n'", "quote": "", "kinds": ["negation", "removed"]}]
    assert ("delete", "n'") in verdict.alignment.diff
    assert ("equal", "acceptera le résultat des élections") in verdict.alignment.diff


@pytest.mark.parametrize("quote, text", [
    ("Union européenne acceptera le résultat.", "L'Union européenne acceptera le résultat."),
    ("l'Union acceptera le résultat.", "Union acceptera le résultat."),
])
def test_another_elision_dropped_is_no_negation(quote, text):
    verdict = judge(quote, text)
    assert not any("negation" in c["kinds"] for c in verdict.changes), verdict.changes


@pytest.mark.parametrize("written, words", [
    ("n'acceptera", ["n'", "acceptera"]),
    ("N’oubliez", ["N’", "oubliez"]),          # a sentence's first word, a curly apostrophe
    ("N'Djamena", ["N'", "Djamena"]),        # a name too, cut as N'DJAMENA is
    ("n'importe", ["n'importe"]),            # "any", no negation
    ("l'Union", ["l'Union"]),
    ("do n't", ["do", "n't"]),
])
def test_the_tokenizer_splits_french_elided_ne_only(written, words):
    assert [t.text for t in tokenize(written)] == words
    assert all(t.key == "n'" for t in tokenize(written) if t.text.lower().replace("’", "'") == "n'")


@pytest.mark.parametrize("written, words", [
    ("N'ACCEPTERA", ["N'", "ACCEPTERA"]),     # all in capitals: as "n'acceptera" is cut
    ("N’EST", ["N’", "EST"]),
    ("N'Y", ["N'", "Y"]),
    ("N'IMPORTE", ["N'IMPORTE"]),           # "any", no negation, in capitals too
    ("N'Golo", ["N'", "Golo"]),             # a name in title case, cut as in capitals
    ("DO N'T", ["DO", "N'T"]),
])
def test_the_tokenizer_splits_elided_ne_in_capitals(written, words):
    assert [t.text for t in tokenize(written)] == words


def test_a_quote_in_capitals_shows_no_change_for_elided_ne():
    """The minor reason listed "n'acceptera → N'ACCEPTERA": case alone shows no change."""
    verdict = judge("L'UNION EUROPÉENNE N'ACCEPTERA PAS LE RÉSULTAT DE CES ÉLECTIONS.",
                    "L'Union européenne n'acceptera pas le résultat de ces élections.")
    assert verdict.verdict == "minor"
    assert verdict.reason == "same words; differences only in punctuation, case, quote style or spelling"


@pytest.mark.parametrize("quote, text", [
    ("The minister travelled to … on Monday.", "THE MINISTER TRAVELLED TO N'DJAMENA ON MONDAY."),
    ("THE MINISTER TRAVELLED TO … ON MONDAY.", "THE MINISTER TRAVELLED TO N'DJAMENA ON MONDAY."),
    ("The minister met … on Monday.", "The minister met N'GOLO KANTÉ on Monday."),
    ("The minister met … on Monday.", "The minister met N'Golo Kanté on Monday."),
    ("The singer … performed in Dakar.", "The singer YOUSSOU N'DOUR performed in Dakar."),
    ("L'AMBASSADE À … RAPPELLE QUE LE VOTE EST LIBRE.", "L'AMBASSADE À N'DJAMENA RAPPELLE QUE LE VOTE EST LIBRE."),
])
def test_a_name_in_capitals_hidden_at_an_ellipsis_is_no_negation(quote, text):
    """N'DJAMENA was cut into "N'" and a name, and its "N'" was read as French's "ne": altered."""
    verdict = judge(quote, text)
    assert verdict.verdict == "elided", verdict.reason


@pytest.mark.parametrize("text, words", [
    ("THE MINISTER TRAVELLED TO N'DJAMENA ON MONDAY.", "1 source word"),
    ("The minister travelled to N'Golo Kanté on Monday.", "2 source words"),
])
def test_a_word_with_n_apostrophe_left_out_counts_once(text, words):
    """"N'" cut from its word by the tokenizer was counted as a word of its own left out."""
    verdict = judge("The minister travelled to … on Monday.", text)
    assert verdict.verdict == "elided", verdict.reason
    assert verdict.reason.startswith(f"2 segments found in order, {words} left out at an ellipsis")


@pytest.mark.parametrize("quote, text, reason", [
    ("LA FRANCE … LE RÉSULTAT DE CES ÉLECTIONS.", "LA FRANCE N'ACCEPTERA PAS LE RÉSULTAT DE CES ÉLECTIONS.",
     "“N'”, “PAS” left out at an ellipsis"),
    ("LA FRANCE … LE RÉSULTAT DE CES ÉLECTIONS.", "LA FRANCE N'A JAMAIS ACCEPTÉ LE RÉSULTAT DE CES ÉLECTIONS.",
     "“N'”, “JAMAIS” left out at an ellipsis"),
])
def test_an_elided_ne_in_capitals_with_its_partner_is_still_a_negation(quote, text, reason):
    """The guard of the names' rule above: an "N'" with "PAS" or "JAMAIS" after it is French's "ne"."""
    verdict = judge(quote, text)
    assert verdict.verdict == "altered", verdict.reason
    assert verdict.reason == reason


def test_an_elided_ne_in_capitals_dropped_with_its_partner_is_named_a_negation():
    verdict = judge("LA FRANCE ACCEPTERA PAS LE RÉSULTAT DE CES ÉLECTIONS.",
                    "LA FRANCE N'ACCEPTERA PAS LE RÉSULTAT DE CES ÉLECTIONS.")
    assert verdict.changes == [{"source": "N'", "quote": "", "kinds": ["name", "negation", "removed"]}]


def test_a_name_in_capitals_dropped_is_no_negation():
    verdict = judge("The minister, born in, studied in Paris.", "The minister, born in N'DJAMENA, studied in Paris.")
    assert verdict.verdict == "altered"
    assert verdict.changes == [{"source": "N'DJAMENA", "quote": "", "kinds": ["name", "removed"]}]


@pytest.mark.parametrize("quote, text", [
    ("The minister was born in N'Djamena in 1960.", "THE MINISTER WAS BORN IN N'DJAMENA IN 1960."),
    ("THE MINISTER WAS BORN IN N'DJAMENA IN 1960.", "The minister was born in N'Djamena in 1960."),
    ("The minister met N'GOLO KANTÉ in Paris.", "The minister met N'Golo Kanté in Paris."),
])
def test_a_name_with_n_apostrophe_in_other_case_shows_no_change(quote, text):
    """The minor reason listed "N'Djamena → N'DJAMENA", and the diff showed it replaced: case alone."""
    verdict = judge(quote, text)
    assert verdict.verdict == "minor", verdict.reason
    assert verdict.reason == "same words; differences only in punctuation, case, quote style or spelling"
    assert [op for op, _words in verdict.alignment.diff] == ["equal"]


def test_an_altered_reason_lists_no_case_change_of_a_name_with_n_apostrophe():
    verdict = judge("The embassy in N’Djamena said …", "The embassy in N’DJAMENA said no observers were admitted.")
    assert verdict.verdict == "altered"
    assert verdict.reason == "“no” left out at an ellipsis"


@pytest.mark.parametrize("quote, text, shown", [
    ("La France reconnaît que la souveraineté de l'Ukraine.", ONLY, "ne"),
    ("avant que les élections aient lieu", "Il faut attendre avant que les élections n'aient lieu.", "n'"),
    ("à moins qu'il accepte", "Nous agirons à moins qu'il n'accepte.", "n'"),
    ("Nous craignons que la situation se détériore.", "Nous craignons que la situation ne se détériore.", "ne"),
    ("La situation est plus grave qu'on le pense.", "La situation est plus grave qu'on ne le pense.", "ne"),
])
def test_a_ne_that_denies_nothing_dropped_is_minor(quote, text, shown):
    """It was a negation dropped: altered.  The expletive "ne" says nothing; "ne … que" dropped
    with its "que" kept loses "only", which narrows the claim without turning it round: minor,
    the reason names it."""
    verdict = judged(quote, text, "minor")
    assert verdict.reason.endswith(f": {shown} → ∅")
    assert verdict.changes == [{"source": shown, "quote": "", "kinds": ["removed"]}]


@pytest.mark.parametrize("quote, text", [
    ("La France … reconnaît que la souveraineté de l'Ukraine.", ONLY),
    ("avant que les élections … aient lieu", "Il faut attendre avant que les élections ne aient lieu."),
])
def test_a_ne_that_denies_nothing_hidden_at_an_ellipsis_stays_elided(quote, text):
    judged(quote, text, "elided")


@pytest.mark.parametrize("quote, text", [
    ("de peur qu'il vienne", "Ils partent de peur qu'il ne vienne pas."),         # expletive's place, with "pas"
    ("La France reconnaît pas que", "La France ne reconnaît pas que la souveraineté."),  # ne … pas que
    ("Le Gouvernement acceptera le résultat.", "Le Gouvernement n'acceptera plus le résultat."),
])
def test_a_ne_with_its_partner_is_still_a_negation(quote, text):
    verdict = judged(quote, text, "altered")
    assert any("negation" in c["kinds"] for c in verdict.changes), verdict.changes


def test_restrictive_ne_que_dropped_whole_is_altered_but_no_negation():
    """Both words gone, "que" with them: a changed sentence, though not a denial turned round."""
    verdict = judge("La France reconnaît la souveraineté de l'Ukraine.", ONLY)
    assert verdict.verdict == "altered"
    assert not any("negation" in c["kinds"] for c in verdict.changes), verdict.changes


@pytest.mark.parametrize("quote, text", [
    ("À … DJAMENA LA RÉUNION AURA LIEU PLUS TARD.", "À N'DJAMENA LA RÉUNION AURA LIEU PLUS TARD."),
    ("À … DJAMENA EST LA PLUS GRANDE VILLE.", "À N'DJAMENA EST LA PLUS GRANDE VILLE."),
])
def test_plus_of_time_or_a_superlative_is_no_partner_of_a_names_n(quote, text):
    """"PLUS" within reach of N'DJAMENA was taken for its partner ("n'… plus"): a negation hidden."""
    judged(quote, text, "elided")


def test_a_names_n_dropped_before_plus_tard_is_no_negation():
    verdict = judge("À DJAMENA LA RÉUNION AURA LIEU PLUS TARD.", "À N'DJAMENA LA RÉUNION AURA LIEU PLUS TARD.")
    assert not any("negation" in c["kinds"] for c in verdict.changes), verdict.changes


@pytest.mark.parametrize("quote, text, word", [
    ("Le Gouvernement … acceptera pas le résultat.", "Le Gouvernement n'acceptera pas le résultat.", "n'"),
    ("LE GOUVERNEMENT … ACCEPTERA PAS LE RÉSULTAT.", "LE GOUVERNEMENT N'ACCEPTERA PAS LE RÉSULTAT.", "N'"),
    ("La France … reconnaît pas le résultat.", "La France ne reconnaît pas le résultat.", "ne"),   # as before
])
def test_a_ne_an_ellipsis_hides_is_read_glued_or_apart(quote, text, word):
    """The gap " n'" before "acceptera" was cut into "n" and "'" (the word after the apostrophe lies
    past the gap): no negation read, elided, where a "ne" written apart was altered."""
    verdict = judged(quote, text, "altered")
    assert verdict.reason == f"“{word}” left out at an ellipsis"


def test_the_tokenizer_keeps_an_n_apostrophe_whole_when_its_range_ends_after_it():
    text = "Le Gouvernement n'acceptera pas."
    at = text.index("n'")
    assert [(t.text, t.key) for t in tokenize(text, at - 1, at + 2)] == [("n'", "n'")]
    assert [t.text for t in tokenize(text, at - 1, at + 1)] == ["n"]       # the apostrophe outside: as before


@pytest.mark.parametrize("quote, text", [
    ("La France saurait accepter que la Russie viole le droit international.", SAURAIT),
    ("La France peut accepter que la Russie viole le droit international.",
     "La France ne peut accepter que la Russie viole le droit international."),
    ("La France cesse de rappeler que l'annexion est illégale.",
     "La France ne cesse de rappeler que l'annexion est illégale."),
    ("La France ne peut accepter que la Russie viole le droit international.",      # added
     "La France peut accepter que la Russie viole le droit international."),
    ("La France n'ose dire que la Russie a tort.", "La France ose dire que la Russie a tort."),
    ("Nous rappelons plus que jamais que la Russie peut ignorer ses obligations.",  # the expletive rule's hole
     "Nous rappelons plus que jamais que la Russie ne peut ignorer ses obligations."),
    ("La France a pu accepter que la Russie viole le droit.",
     "La France n'a pu accepter que la Russie viole le droit."),
])
def test_a_ne_that_denies_alone_before_a_que_clause_is_a_negation(quote, text):
    """Read as the "ne" of "ne … que" (or an expletive one): minor, where the quote says the opposite."""
    verdict = judged(quote, text, "altered")
    assert any("negation" in c["kinds"] for c in verdict.changes), verdict.changes


def test_a_ne_that_denies_alone_hidden_at_an_ellipsis_is_altered():
    verdict = judged("La France … saurait accepter que la Russie viole le droit international.", SAURAIT, "altered")
    assert "“ne” left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text, shown", [
    ("La France peut que condamner cette violation.", "La France ne peut que condamner cette violation.", "ne"),
    ("L'Union veut que la paix.", "L'Union ne veut que la paix.", "ne"),
    ("Il a respecté que deux engagements.", "Il n'a respecté que deux engagements.", "n'"),
])
def test_the_restrictions_que_right_after_the_verb_still_denies_nothing(quote, text, shown):
    """"ne peut que condamner" (can only condemn) restricts, whatever its verb."""
    verdict = judged(quote, text, "minor")
    assert verdict.reason.endswith(f": {shown} → ∅")


@pytest.mark.parametrize("quote, text, verdict_name", [
    ("… peut être que politique.", "La solution ne peut être que politique.", "verbatim"),
    ("… saurait être qu'une première étape.", "Cet accord ne saurait être qu'une première étape.", "verbatim"),
    ("… peut s'agir que d'une mesure temporaire.", "Il ne peut s'agir que d'une mesure temporaire.", "verbatim"),
    ("… pouvons donc que condamner ces violations.", "Nous ne pouvons donc que condamner ces violations.",
     "verbatim"),
    ("La solution peut être que politique.", "La solution ne peut être que politique.", "minor"),
    # another infinitive between: the "que" opens a clause, the "ne" denies
    ("La France saurait accepter que la Russie viole le droit.",
     "La France ne saurait accepter que la Russie viole le droit.", "altered"),
])
def test_a_restriction_after_pouvoir_etre_or_an_adverb_denies_nothing(quote, text, verdict_name):
    """Only a "que" right after the verb was the restriction's: "ne peut être que" (can only be)
    was a negation, and its "ne" hidden at an opening ellipsis made the quote altered."""
    verdict = judge(quote, text)
    assert verdict.verdict == verdict_name, verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("La communauté internationale sait que faire.", "La communauté internationale ne sait que faire."),
    ("Le gouvernement savait que penser de cette proposition.",
     "Le gouvernement ne savait que penser de cette proposition."),
    ("La communauté internationale … sait que faire.", "La communauté internationale ne sait que faire."),
    ("… sait que faire face à cette crise.", "L'Union ne sait que faire face à cette crise."),
    ("Il savait qu'en penser.", "Il ne savait qu'en penser."),
])
def test_ne_sait_que_before_an_infinitive_is_a_negation(quote, text):
    """"ne sait que faire" (does not know what to do) was read as "only": minor or elided."""
    judged(quote, text, "altered")


def test_ne_saurait_que_before_an_infinitive_still_restricts():
    judged("On saurait que se féliciter de cet accord.", "On ne saurait que se féliciter de cet accord.", "minor")


@pytest.mark.parametrize("quote, text, hidden", [
    ("… reconnu les élections", "Aucun État membre n'a reconnu les élections.", "“Aucun”, “n'”"),
    ("… reconnu les élections", "Aucune délégation n'a reconnu les élections.", "“Aucune”, “n'”"),
    ("… a reconnu les élections", "Nul pays n'a reconnu les élections.", "“n'”"),
    ("… reconnu", "La France ne l'a, à ce jour, jamais reconnu.", "“ne”, “jamais”"),
    ("… reconnu l'annexion", "La France n'a aucunement reconnu l'annexion.", "“n'”"),
    ("… participé", "La France n'y a pas participé.", "“n'”, “pas”"),
    ("… avons reconnues", "Nous ne les avons jamais reconnues.", "“ne”"),
    ("… accepter cela", "La France ne peut guère accepter cela.", "“ne”, “guère”"),
])
def test_an_opening_ellipsis_hides_the_negation_before_the_quote(quote, text, hidden):
    """"Aucun État membre n'a": the "ne" had no partner after it, so it read as Italian's clitic;
    an aside cut its partner off ("ne l'a, à ce jour, jamais"); "aucunement" was no partner."""
    verdict = judged(quote, text, "altered")
    assert f"{hidden} left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("La France n'y a", "La France n'y a pas participé."),
    ("Nous ne les avons", "Nous ne les avons pas reconnues."),
    ("Nous ne nous en avons", "Nous ne nous en avons jamais occupés."),
    ("La France ne peut", "La France ne peut guère accepter cela."),
])
def test_a_silent_cut_after_a_pronoun_between_ne_and_its_auxiliary_is_altered(quote, text):
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", FRENCH_GOES_ON)
def test_ordinary_french_sentences_keep_their_reading(quote, text):
    """The quote holds "Aucun doute" itself; "aucun" in another clause, or before another verb;
    "ne … que" (only); a negation after the verb the quote leaves out ("ne reconnaît aucunement
    l'annexion": the quote names what is not recognized)."""
    verdict = judge(quote, text)
    assert verdict.verdict in {"verbatim", "minor", "elided"}, verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… cherche à diviser l'Europe", "Nul doute que la Russie ne cherche à diviser l'Europe."),
    ("… cherche à diviser l'Europe", "Il ne fait aucun doute que la Russie ne cherche à diviser l'Europe."),
    ("… reconnaisse la souveraineté de l'Ukraine.", "Il n'est aucun pays qui ne reconnaisse la souveraineté de l'Ukraine."),
    ("… soit trop tard", "Nul ne doute qu'il ne soit trop tard."),
])
def test_aucun_or_nul_of_another_clause_makes_no_ne_deny(quote, text):
    """The subject's "aucun"/"nul" was looked for across a "que" or a "qui": an expletive
    "ne" ("Nul doute que … ne cherche") or a doubled one ("aucun pays qui ne reconnaisse": every
    country does) was read as a denial the ellipsis hides."""
    judged(quote, text, "verbatim")


def test_plus_ou_moins_is_no_partner_of_ne():
    """"Ce n'est" for "Ce n'est plus ou moins qu'une formalité" (more or less only
    a formality) was altered "plus → ∅"."""
    judged("Ce n'est", "Ce n'est plus ou moins qu'une formalité.", "verbatim")
    judged("Ce n'est", "Ce n'est plus une formalité.", "altered")


@pytest.mark.parametrize("quote, text", [
    ("… a voté contre", "Aucun député qui siège à Paris n'a voté contre."),
    ("… reconnu les élections", "Aucun État qui a participé aux négociations n'a reconnu les élections."),
    ("… a voté contre", "Aucun des députés que nous avons rencontrés n'a voté contre."),
    ("… reconnu les élections", "Aucun État membre, pas même la Hongrie, n'a reconnu les élections."),
    ("… signé l'accord", "Aucun pays qui dépend du gaz russe n'a signé l'accord."),
    ("… a accepté", "Aucune délégation, à notre connaissance, n'a accepté."),
    ("… a été informé", "Nul ministre qui siège au Conseil n'a été informé."),
    ("… reconnu l'annexion", "Aucun des États que la Russie a sollicités n'a reconnu l'annexion."),
    ("… voté la résolution", "Aucun pays, ni au Nord ni au Sud, n'a voté la résolution."),
    ("… a protesté", "Aucune organisation dont nous avons reçu la lettre n'a protesté."),
])
def test_a_denying_subject_past_a_relative_clause_or_an_aside_is_hidden(quote, text):
    """`_denying_subject` stopped at "qui", "que" and at the comma of an aside."""
    verdict = judged(quote, text, "altered")
    assert "n'" in verdict.reason and "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… reconnaisse la souveraineté de l'Ukraine.", "Il n'est aucun pays qui ne reconnaisse la souveraineté de l'Ukraine."),
    ("… cherche à diviser l'Europe", "Il ne fait aucun doute que la Russie ne cherche à diviser l'Europe."),
    ("… cherche à diviser l'Europe", "Nul doute que la Russie ne cherche à diviser l'Europe."),
    ("… soit trop tard", "Aucun doute que la Russie a peur qu'il ne soit trop tard."),
    ("… a voté contre", "Le député qui siège à Paris a voté contre."),
    ("… a voté contre", "Aucun problème : le député a voté contre."),
    ("… a reconnu les élections", "Aucun État ne le conteste, mais la Russie a reconnu les élections."),
    ("… a signé l'accord", "Sans aucun doute, le pays qui dépend du gaz a signé l'accord."),
])
def test_no_denying_subject_across_a_clause_of_its_own(quote, text):
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… reconnaisse l'Ukraine", "Il n'y a aucun pays qui aujourd'hui ne reconnaisse l'Ukraine."),
    ("… soutienne l'Ukraine", "Il n'existe aucun État membre qui désormais ne soutienne l'Ukraine."),
    ("… soutienne l'Ukraine", "Il n'existe aucun État qui en Europe ne soutienne l'Ukraine."),
    ("… soutienne l'Ukraine", "Je ne connais aucun pays qui en Europe ne soutienne l'Ukraine."),
])
def test_aucun_as_the_object_of_a_negated_verb_is_no_subject_of_the_later_ne(quote, text):
    """"n'y a aucun pays qui … ne reconnaisse" (every country does): the "aucun" is the
    existential's object, and the relative clause's "ne" was read as its subject's."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… reconnu les élections", "Aucun État membre, pas même la Hongrie, n'a reconnu les élections."),
    ("… a voté contre", "Aucun député qui siège à Paris n'a voté contre."),
    ("… a reconnu l'annexion", "Pour l'instant, aucun pays qui siège à l'ONU n'a reconnu l'annexion."),
])
def test_aucun_opening_the_subject_still_denies(quote, text):
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… a reconnu l'annexion", "Rien ne change et aucun pays n'a reconnu l'annexion."),
    ("… a reconnu l'annexion", "Personne ne bouge et aucun pays n'a reconnu l'annexion."),
    ("… a reconnu l'annexion", "Rien ne bouge mais aucun pays n'a reconnu l'annexion."),
    ("… a reconnu l'annexion", "Rien ne presse car aucun État n'a reconnu l'annexion."),
    ("… a signé", "Rien ne presse puisque aucun État n'a signé."),
    ("… a reconnu le résultat", "Rien ne dit si aucun parti n'a reconnu le résultat."),
    ("… a réagi", "Personne ne bouge quand aucun pays n'a réagi."),
    ("… ont reconnu l'annexion", "Rien ne change et aucun des pays n'ont reconnu l'annexion."),
    ("… a reconnu l'annexion", "Ne l'oublions pas aucun pays n'a reconnu l'annexion."),
])
def test_aucun_after_a_word_that_joins_a_clause_opens_its_subject(quote, text):
    """`_negated_verbs_object` walked back past "et", "mais", "car" … (and "pas", whose
    "ne" has its partner) to the previous clause's "ne" and took "aucun" for its verb's object."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… a reconnu l'annexion", "Il ne fait aucun doute qu'aucun pays n'a reconnu l'annexion."),
    ("… s'y oppose", "Rien ne presse tant qu'aucun pays ne s'y oppose."),
    ("… a reconnu l'annexion", "Il est clair qu'aucun pays n'a reconnu l'annexion."),
    ("… a reconnu l'annexion", "La Russie est isolée puisqu'aucun pays n'a reconnu l'annexion."),
    ("… a voté contre", "Le texte passe lorsqu'aucun député n'a voté contre."),
    ("… a signé le traité", "Nous savons qu'aucune puissance n'a signé le traité."),
    ("… a réagi", "Le ministre regrette qu'aucun allié n'a réagi."),
    ("… a reconnu les élections", "Il est frappant qu'aucun État membre n'a reconnu les élections."),
])
def test_aucun_glued_to_an_elided_que_denies(quote, text):
    """"qu'aucun" is one word, which `_denying_subject` read as the "que" closing its walk,
    so the "ne" after it was expletive or the clitic, and the opening ellipsis hid "aucun … n'"."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… a reconnu l'annexion", "Je ne crois pas qu'aucun pays n'a reconnu l'annexion."),
    ("… reconnaisse l'annexion", "Je ne pense pas qu'aucun pays reconnaisse l'annexion."),
    ("… pays n'a reconnu l'annexion", "Il ne fait aucun doute qu'aucun pays n'a reconnu l'annexion."),
    ("Il ne fait aucun doute", "Il ne fait aucun doute qu'aucun pays n'a reconnu l'annexion."),
    ("… cherche à diviser l'Europe", "Il ne fait aucun doute que la Russie ne cherche à diviser l'Europe."),
    ("… a reconnu l'annexion", "Il ne fait aucun doute que la Russie a reconnu l'annexion."),
    ("… reconnaisse l'Ukraine", "Il n'y a aucun pays qui aujourd'hui ne reconnaisse l'Ukraine."),
    ("… soit reconnue", "Il n'est plus sûr qu'aucune élection ne soit reconnue."),
    ("… a reconnu l'annexion", "La France a reconnu l'annexion, dit-il, quoique personne ne le croie."),
    ("Il est clair", "Il est clair qu'aucun pays n'a reconnu l'annexion."),
])
def test_aucun_after_a_denied_verb_or_kept_by_the_quote_stays_verbatim(quote, text):
    """After a verb denied with its partner ("Je ne crois pas qu'aucun"), the two negations meet
    and the reading stays as before; a quote that keeps "n'" or ends before "qu'aucun" drops none."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… a reconnu l'annexion", "La Russie ne recule pas. Il est clair qu'aucun pays n'a reconnu l'annexion."),
    ("… a reconnu l'annexion", "Moscou ne renonce pas à ses ambitions territoriales en Ukraine. Il est clair qu'aucun "
     "pays n'a reconnu l'annexion."),
    ("… a reconnu l'annexion", "Ce n'est pas un secret : il est clair qu'aucun pays n'a reconnu l'annexion."),
])
def test_a_denial_in_another_sentence_keeps_qu_aucun_a_denier(quote, text):
    """`_denied_before` read the 100 characters before "qu'aucun" across sentence ends;
    only the "qu'aucun"'s own sentence counts now."""
    judged(quote, text, "altered")


def test_a_denial_in_the_same_sentence_still_doubles():
    """"Je ne crois pas qu'aucun pays n'a": the two negations meet, and nothing is hidden."""
    judged("… a reconnu l'annexion", "Je ne crois pas qu'aucun pays n'a reconnu l'annexion.", "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… accepte sans conditions", "Aucun pays ne l'accepte sans conditions."),
    ("… acceptent sans conditions", "Aucun des pays ne l'acceptent sans conditions."),
    ("… ignore les risques", "Personne ne l'ignore, les risques sont connus."),
    ("… accepterons jamais", "Nous ne l'accepterons jamais."),
    ("… reconnaît sans conditions", "Aucun pays ne la reconnaît sans conditions."),
    ("… reconnaît sans conditions", "Aucun pays ne les reconnaît sans conditions."),
])
def test_an_object_pronoun_after_ne_is_no_article_before_a_cut(quote, text):
    """A quote opening past "ne l'" / "ne la": the pronoun between "ne" and the verb is no article
    that would make "ne" deny a noun, so the "ne" left out at the ellipsis is named."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… accepter sans conditions", "La France ne peut l'accepter sans conditions."),
    ("… accepter sans conditions", "La France ne peut pas l'accepter sans conditions."),
    ("… accepter sans conditions", "La France ne peut certainement pas l'accepter sans conditions."),
    ("… reconnaître comme légitime", "La France ne doit pas la reconnaître comme légitime."),
    ("… soutenir dans cette voie", "Nous ne pouvons les soutenir dans cette voie."),
    ("… soutenir davantage", "Nous n'allons pas les soutenir davantage."),
    ("… convaincre du contraire", "Paris n'a pu les convaincre du contraire."),
])
def test_a_pronoun_between_a_french_modal_and_its_infinitive_is_no_article(quote, text):
    """"l'", "la", "les" after "ne peut", "ne doit pas" were read as the article of a
    noun the quote opens with (`_fits_between` let one stand between only right after "ne" or before
    an auxiliary), so the "ne" left out at the ellipsis was no negation of the quote's verb.  After
    pouvoir, devoir or aller, which take no noun, it is the infinitive's (`_infinitives_pronoun`)."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("… guerre avec ses voisins", "Il ne veut pas la guerre avec ses voisins."),
    ("… réponse à cette question", "Il ne sait pas la réponse à cette question."),
    ("… solution à ce conflit", "La guerre n'est pas la solution à ce conflit."),
    ("… solution", "Ce ne peut être la solution."),
    ("… majorité", "Il n'a pas la majorité."),
    ("… accepter sans conditions", "La France peut l'accepter sans conditions."),
])
def test_an_article_after_another_verb_still_opens_a_noun(quote, text):
    """Vouloir, savoir, être and avoir take a noun: their "la" is its article, and the quote names
    what is denied; a modal with no "ne" drops nothing."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… somme réclamée par Moscou", "La Grèce ne doit pas la somme réclamée par Moscou."),
    ("… intérêts de la dette", "L'Ukraine ne doit pas les intérêts de la dette."),
])
def test_an_article_after_devoir_owe_opens_a_noun(quote, text):
    """Devoir takes a noun too (owe): its "la", "les" before a word with no infinitive's ending is an
    article, and the quote names what is not owed."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("… imaginer aujourd'hui", "Les dégâts sont plus graves qu'on ne peut l'imaginer aujourd'hui."),
    ("… prévoir il y a un an", "La crise est pire qu'on ne pouvait le prévoir il y a un an."),
    ("… estimer à Paris", "La facture est plus lourde que le gouvernement ne pouvait l'estimer à Paris."),
    ("… pouvait prévoir il y a un an", "La crise est pire qu'on ne pouvait prévoir il y a un an."),
])
def test_a_comparatives_expletive_ne_before_pouvoir_denies_nothing(quote, text):
    """"plus graves qu'on ne peut l'imaginer" (than one can imagine): the "ne" of a comparison is
    expletive before pouvoir too; the infinitive's pronoun (`_infinitives_pronoun`) let the opening
    walk reach it, and pouvoir's lone "ne" (`_lone_ne_verb`) read it as a negation."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text, expected", [
    ("… victoire à la chance", "La Grèce ne doit pas la victoire à la chance.", "verbatim"),
    ("… facture réclamée par Moscou", "La Grèce ne doit pas la facture réclamée par Moscou.", "verbatim"),
    ("… faire sans conditions", "La France ne peut le faire sans conditions.", "altered"),
    ("… croire sur parole", "On ne peut la croire sur parole.", "altered"),
    ("… reconnaître comme légitime", "La France ne doit pas la reconnaître comme légitime.", "altered"),
])
def test_a_noun_ending_like_an_infinitive_keeps_its_article(quote, text, expected):
    """"victoire", "facture" end like "croire", "conclure": a noun's ending that only a few verbs
    have (`_infinitive`), so devoir's "la" before them is an article; "faire", "croire" stay verbs."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text", [
    ("… accepter sans conditions", "La France ne peut en aucun cas l'accepter sans conditions."),
    ("… accepter sans conditions", "La France ne peut en aucune façon l'accepter sans conditions."),
    ("… accepter sans conditions", "La France ne peut en aucun cas accepter sans conditions."),
    ("… accepter sans conditions", "La France ne veut pas l'accepter sans conditions."),
    ("… expliquer aux électeurs", "Il ne sait pas l'expliquer aux électeurs."),
    ("… accepter sans conditions", "Nous ne pourrions l'accepter sans conditions."),
    ("… accepter sans conditions", "Nous ne pourrons pas l'accepter sans conditions."),
    ("… accepter sans conditions", "La France n'ira pas l'accepter sans conditions."),
    ("… accepter sans conditions", "Ils n'iront jamais l'accepter sans conditions."),
    ("… soutenir davantage", "Nous ne devrions pas les soutenir davantage."),
    ("… accepter sans conditions", "La France ne saurait l'accepter sans conditions."),
])
def test_a_french_modals_negation_before_its_infinitive_is_hidden(quote, text):
    """"en aucun cas" between the modal and its infinitive (`_FRENCH_NEGATIVE_ADVERB`), "l'" and "les"
    after vouloir and savoir (`_FRENCH_WANTING_MODALS`), and the modals' forms that were not listed
    ("pourrions", "pourrons", "ira", "iront", "devrions": `_POUVOIR`, `_ALLER`, `_DEVOIR`)."""
    verdict = judged(quote, text, "altered")
    assert "left out at an ellipsis" in verdict.reason


@pytest.mark.parametrize("quote, text", [
    ("Nous ne pourrons", "Nous ne pourrons pas l'accepter sans conditions."),
    ("La France n'ira", "La France n'ira pas l'accepter sans conditions."),
])
def test_a_quote_ending_on_such_a_modal_before_its_pas_is_cut(quote, text):
    """The modals' forms are auxiliaries for a silent cut too (`_negation_after_auxiliary`)."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("… accepter sans conditions", "La France peut en tout cas l'accepter sans conditions."),
    ("… guerre avec ses voisins", "Il ne veut pas la guerre avec ses voisins."),
    ("… réponse à cette question", "Il ne sait pas la réponse à cette question."),
])
def test_no_ne_or_an_article_after_vouloir_and_savoir_drops_nothing(quote, text):
    """"en tout cas" (in any case) with no "ne" denies nothing, and "la" after vouloir or savoir is the
    article of the noun it names, not an infinitive's pronoun (`_PLURAL_OR_ELIDED_PRONOUNS`)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text, expected", [
    ("… savoir qui manque", "Ce n'est pas le savoir qui manque mais la volonté.", "verbatim"),
    ("… offre russe", "Kiev ne veut pas l'offre russe.", "verbatim"),
    ("… reconnaitre comme légitime", "La France ne peut pas la reconnaitre comme légitime.", "altered"),
    ("… RECONNAITRE COMME LEGITIME", "LA FRANCE NE PEUT PAS LA RECONNAITRE COMME LEGITIME", "altered"),
])
def test_french_nouns_and_infinitives_by_their_shape(quote, text, expected):
    """"le savoir" is a noun (no auxiliary: `_SAVOIR`), "l'offre" ends as no verb does (`_NOUN_SHAPED`),
    and "reconnaitre" is the infinitive in the spelling of 1990 or in capitals (`_NOUN_SHAPED_VERBS`)."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… avenir que Moscou lui propose", "Kiev ne veut pas l'avenir que Moscou lui propose.", "verbatim"),
    ("… espoir d'une paix imposée", "Kiev ne veut pas l'espoir d'une paix imposée.", "verbatim"),
    ("… avenir à Moscou", "L'Ukraine ne doit pas l'avenir à Moscou.", "verbatim"),
    ("… accepter sans conditions", "Kiev ne veut pas l'accepter sans conditions.", "altered"),
])
def test_a_noun_after_l_is_no_infinitive(quote, text, expected):
    """"l'avenir", "l'espoir" have an infinitive's ending, so their "l'" after vouloir or devoir was a
    pronoun and "ne" denied them; named as nouns (`_NOUN_SHAPED`), "l'accepter" stays one."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text", [
    ("… empire soviétique", "Poutine ne veut pas l'empire soviétique, dit-il."),
    ("… hiver à Kiev", "La Russie ne veut pas l'hiver à Kiev."),
    ("… enfer pour son peuple", "Le président ne veut pas l'enfer pour son peuple."),
    ("… acier chinois", "L'Europe ne veut pas l'acier chinois."),
])
def test_vouloir_before_a_noun_that_opens_with_a_vowel_and_ends_as_a_verb_drops_nothing(quote, text):
    """After vouloir and savoir "l'" is an infinitive's pronoun ("ne veut pas l'accepter") unless
    the noun after it is one of those named with a verb's ending (`_NOUN_SHAPED`): "… empire
    soviétique" quotes what is not wanted, no verb."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("Je crains qu'il sache que faire face à la crise.", "Je crains qu'il ne sache que faire face à la crise."),
    ("… sachions que dire", "Il est grave que nous ne sachions que dire."),
])
def test_ne_and_savoirs_subjunctive_before_que_and_an_infinitive_is_a_negation(quote, text):
    """Savoir's forms whose "ne … que" asks (`_KNOWS`) are now `_SAVOIR`'s, the conditional left out:
    its subjunctive ("ne sache que faire": may not know what to do) was missing from them and read
    as "only", so dropping the "ne" was minor."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text, expected", [
    ("… aille plus loin", "Il ne faut pas qu'il aille plus loin.", "altered"),
    ("… doive céder", "Il ne faut pas que l'Ukraine doive céder.", "altered"),
    ("… sache la vérité", "Il ne faut pas qu'il sache la vérité.", "altered"),
    ("… la France cède", "Il ne fallait pas que la France cède.", "altered"),
    ("… qu'il aille plus loin", "Il ne faut plus qu'il aille plus loin.", "altered"),
    ("… aille plus loin", "Il faut qu'il aille plus loin.", "verbatim"),
    ("… aille plus loin", "Il ne faut pas oublier qu'il aille plus loin.", "verbatim"),
    ("… des mots, mais des actes", "Il ne faut pas que des mots, mais des actes.", "verbatim"),
    ("… deux jours pour finir", "Il ne faut plus que deux jours pour finir.", "verbatim"),
    ("… cela : il faut aussi des armes", "Il ne faut pas que cela : il faut aussi des armes.", "verbatim"),
])
def test_il_ne_faut_pas_que_denies_the_clause_it_governs(quote, text, expected):
    """"Il ne faut pas que l'Ukraine doive céder" (Ukraine must not have to give in): the "ne" of
    falloir denies the clause its "que" opens, whose subjunctive the quote then asserts with the
    opening ellipsis hiding "ne faut pas que" and the clause's subject (`_must_not_that`); not
    "Il faut que", nor another verb between ("ne faut pas oublier qu'"), nor the "que" of "ne … pas
    que" (not only), "ne … plus que" (only) before a noun phrase, no clause (`_restricts`)."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… pouvoir absolu en Europe", "La France ne veut pas le pouvoir absolu en Europe.", "verbatim"),
    ("… devoir de mémoire", "Il ne refuse pas le devoir de mémoire.", "verbatim"),
    ("… lettre à Moscou", "La Grèce ne doit pas la lettre à Moscou.", "verbatim"),
    ("… mer à la Russie", "L'Ukraine ne doit pas la mer à la Russie.", "verbatim"),
    ("… être reconnue", "L'annexion ne peut pas l'être reconnue.", "altered"),
    ("… avoir chez lui", "Il ne veut pas l'avoir chez lui.", "altered"),
    ("… mettre fin à la guerre", "Il ne doit pas la mettre fin à la guerre.", "altered"),
])
def test_an_article_before_a_modals_infinitive_or_a_noun_so_shaped_is_no_pronoun(quote, text, expected):
    """"le pouvoir", "le devoir" after an article are nouns, no auxiliary the "le" is the pronoun of
    (`_fits_between`: an infinitive, `_infinitive`, only as `_infinitives_pronoun` reads it: "ne peut
    pas l'être", "ne veut pas l'avoir"); "la lettre", "la mer" are nouns with an infinitive's ending
    (`_NOUN_SHAPED`), what is not owed, not "mettre"."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… devoir à Moscou", "La Grèce ne veut pas la devoir à Moscou.", "altered"),
    ("… pouvoir de décider", "L'ONU n'a pas le pouvoir de décider.", "verbatim"),
    ("… devoir de l'État", "Ce n'est pas le devoir de l'État.", "verbatim"),
])
def test_only_le_before_an_auxiliarys_infinitive_is_an_article(quote, text, expected):
    """An auxiliary's infinitive is a masculine noun ("le pouvoir", "le devoir"): after "le" it is
    read as one, no verb the "ne" denies; "la" before it is its pronoun ("ne veut pas la devoir à
    Moscou": does not want to owe it), and the quote of that verb drops the denial
    (`_fits_between`, `_MASCULINE_ARTICLES`)."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… air qu'elle respire à Moscou", "L'Ukraine ne doit pas l'air qu'elle respire à Moscou.", "verbatim"),
    ("… mer à la Russie", "L'Ukraine ne doit pas la mer à la Russie.", "verbatim"),
    ("… lettre à Moscou", "La Grèce ne doit pas la lettre à Moscou.", "verbatim"),
    ("… permettre à Moscou", "Il ne doit pas le permettre à Moscou.", "altered"),
    ("… combattre", "Il ne doit pas les combattre.", "altered"),
    ("… lire", "Il ne doit pas le lire.", "altered"),
])
def test_a_word_shorter_than_any_infinitive_or_in_ttre_is_a_noun(quote, text, expected):
    """No French infinitive has fewer than four letters ("lire", "oser"), so "l'air", "la mer" after
    devoir are what is not owed, no infinitive its pronoun stands before (`_INFINITIVE`); and in -ttre
    only mettre's and battre's are verbs ("permettre", "combattre"), "la lettre" a noun (`_NOUN_SHAPED`)."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… dîner à Moscou", "L'Ukraine ne doit pas le dîner à Moscou.", "verbatim"),
    ("… cuir à Moscou", "L'Ukraine ne doit pas le cuir à Moscou.", "verbatim"),
    ("… plaisir à Moscou", "L'Ukraine ne doit pas le plaisir à Moscou.", "verbatim"),
    ("… loyer de mars", "L'Ukraine ne doit pas le loyer de mars.", "verbatim"),
    ("… dossier à Moscou", "L'Ukraine ne doit pas le dossier à Moscou.", "verbatim"),
    ("… dire à Moscou", "L'Ukraine ne doit pas le dire à Moscou.", "altered"),
    ("… payer à Moscou", "L'Ukraine ne doit pas le payer à Moscou.", "altered"),
])
def test_devoirs_le_before_a_noun_in_er_or_ir_is_an_article(quote, text, expected):
    """"le loyer", "le dossier", "le plaisir", "le dîner" end as "payer", "oublier", "saisir" do, and
    no rule of shape tells them apart: named (`_NOUN_SHAPED`), they are what is not owed, no
    infinitive the "le" is the pronoun of; "le dire", "le payer" stay the verb the "ne" denies."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text, expected", [
    ("… dernier versement", "Le locataire ne doit pas le dernier versement.", "verbatim"),
    ("… premier acompte", "Le client ne doit pas le premier acompte.", "verbatim"),
    ("… quartier à Moscou", "L'Ukraine ne doit pas le quartier à Moscou.", "verbatim"),
    ("… banquier", "Il ne doit pas le banquier.", "verbatim"),
    ("… moindre centime à Moscou", "L'Ukraine ne doit pas le moindre centime à Moscou.", "verbatim"),
    ("… nier", "La France ne peut pas le nier.", "altered"),
    ("… publier", "La France ne peut pas le publier.", "altered"),
    ("… confier à Moscou", "La France ne doit pas le confier à Moscou.", "altered"),
    ("… négocier", "La France ne peut pas le négocier.", "altered"),
    ("… châtier", "La France ne peut pas le châtier.", "altered"),
    ("… amnistier sans procès", "La France ne peut pas l'amnistier sans procès.", "altered"),
])
def test_devoirs_le_before_a_word_in_tier_mier_rnier_is_an_article(quote, text, expected):
    """-tier, -mier, -quier, -ssier, -rnier are nouns' and adjectives' endings that few verbs have
    (`_NOUN_SHAPED`, its verbs named in `_NOUN_SHAPED_VERBS`: "châtier", "amnistier"): "le dernier
    versement", "le quartier" are what is not owed; -nier, -lier, -cier stay verbs' ("nier", "publier",
    "négocier"), whose "le" is their pronoun, and the "ne" denies them."""
    judged(quote, text, expected)
