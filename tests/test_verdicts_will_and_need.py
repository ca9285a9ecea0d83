""""will" and "need" (and "may", "am") as nouns or as modals (crawler.verdicts).

"the political will not of one State", "the people's will not to …", "the health need not met"
name a will or a need, so the "not" after them denies no verb the quote ends on.  After a
subject, a plain noun, a possessive that stands for its noun, or before a verb after "not"
(past an adverb, "of course", "for" and a span of time) they are the modal, and a quote cut
before their "not", silently or at a closing ellipsis, drops a negation."""

from __future__ import annotations

import pytest

from tests.judging import judged


@pytest.mark.parametrize("quote, text", [
    ("We will assess the humanitarian needs", "We will assess the humanitarian needs not yet covered by the appeal."),
    ("We will assess the humanitarian needs.", "We will assess the humanitarian needs not yet covered by the appeal."),
    ("The plan addresses basic needs", "The plan addresses basic needs never met before in the region."),
    ("Humanitarian access is a need", "Humanitarian access is a need not a favour."),
    ("The statement by Prime Minister Theresa May", "The statement by Prime Minister Theresa May never mentioned it."),
    ("No convoy has reached Mariupol since May", "No convoy has reached Mariupol since May not even with UN escort."),
    ("Prisoners held against their will", "Prisoners held against their will not far from Donetsk were released."),
    ("The curfew ends at 5 am", "The curfew ends at 5 am not 6 am."),
])
def test_a_noun_or_name_spelled_like_an_auxiliary_is_no_silent_cut(quote, text):
    """"needs", "will", "May" and "am" were read as the auxiliary a "not" after them denies,
    wherever they stood: "need(s)", a noun after an article or a possessive, a
    name, a time."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("I am", "I am not convinced."),
    ("It may", "It may not be enough."),
    ("They said so. May", "They said so. May not be enough."),
    ("The Government will", "The Government will never accept the result."),
])
def test_an_auxiliary_or_modal_used_as_one_is_still_cut(quote, text):
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("This reflects the political will", "This reflects the political will not of one State but of all Member States."),
    ("It expresses the popular will", "It expresses the popular will not of a party but of the nation."),
    ("We respect the sovereign will", "We respect the sovereign will not of governments but of peoples."),
    ("They followed their own will", "They followed their own will not that of Moscow."),
    ("This is the collective will", "This is the collective will not of one member but of all."),
    ("It reflects the democratic will", "It reflects the democratic will not of the elites but of the voters."),
    ("We heard the clear will", "We heard the clear will not of a few but of millions."),
])
def test_will_after_an_article_and_an_adjective_is_the_noun(quote, text):
    """"political" between "the" and "will" hid the article, and "will" was
    read as the modal its "not" denies."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("This reflects the political will …", "This reflects the political will not of one State but of all Member States."),
    ("This reflects the will …", "This reflects the will not of one State but of all Member States."),
    ("We will assess the humanitarian needs …", "We will assess the humanitarian needs not yet covered by the appeal."),
])
def test_a_closing_ellipsis_after_a_modals_noun_hides_no_negation(quote, text):
    """The same nouns before a closing ellipsis: "not of one State" denies no verb the quote holds,
    as with the silent cut (`_noun_before_not`)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("The government will …", "The government will not accept the result."),
    ("We will …", "We will not accept it."),
    ("The government will", "The government will not accept the result."),
    ("Our partners will", "Our partners will never accept it."),
    ("The political leadership will", "The political leadership will not give in."),
    ("The Council will", "The Council will not recognize the elections."),
    ("Political parties will", "Political parties will not be allowed to campaign."),
])
def test_a_subject_before_will_keeps_the_cut_negation(quote, text):
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("We need …", "We need not accept this."),
    ("You need …", "You need not worry about that."),
    ("Member States need …", "Member States need not comply with the ruling."),
])
def test_need_after_its_subject_is_the_modal_at_a_closing_ellipsis(quote, text):
    """`_noun_before_not` took every "need" for the noun."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("The Sovereign will", "The Sovereign will not open Parliament this year."),
    ("The collective will", "The collective will not exhibit in Moscow."),
    ("The express will", "The express will not stop at Newark."),
    ("Our own will", "Our own will not be left behind."),
    ("The free will", "The free will not be detained."),
])
def test_a_noun_before_will_keeps_the_modal(quote, text):
    """Adjectives that are nouns too ("the Sovereign", "the express") made the modal
    "will" after them a noun; they do only where no verb follows its "not"."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("the State party need …", "The Committee considers that the State party need not take further measures."),
    ("the author need …", "The Committee considers that the author need not exhaust remedies."),
    ("the applicant need …", "Accordingly, the applicant need not exhaust domestic remedies."),
    ("the court need …", "the court need not decide the question"),
    ("the government need …", "the government need not act"),
    ("a person need …", "a person need not be present"),
    ("the public need …", "the public need not worry"),
    ("the defendant need …", "the defendant need not testify"),
])
def test_need_after_a_plain_noun_is_the_modal_at_a_closing_ellipsis(quote, text):
    """`_need_noun` took "need" after any lower-case singular noun for the noun, and
    "the State party need not take …", the commonest treaty-body use of the modal, hid its "not"."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("We will assess the humanitarian needs …", "We will assess the humanitarian needs not yet covered by the appeal."),
    ("the humanitarian need …", "the humanitarian need not yet met"),
    ("the urgent need …", "It stresses the urgent need not to escalate."),
    ("the dire need …", "It stresses the dire need not to escalate."),
    ("the financing need …", "the financing need not yet covered"),
    ("… the Organization's need …", "It recognizes the Organization's need not to duplicate work."),
    ("… States' need …", "It stresses States' need not to be overburdened."),
])
def test_need_after_a_determiner_a_possessive_or_an_adjective_is_the_noun(quote, text):
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("This reflects the people's will", "This reflects the people's will not of one party but of all."),
    ("This reflects the international community's will",
     "This reflects the international community's will not to recognize the annexion."),
    ("… the people's will", "It reflects the people's will not of one party."),
    ("It expresses the nation's will", "It expresses the nation's will not to surrender."),
    ("We respect the voters' will", "We respect the voters' will not to join the alliance."),
    ("It follows the Council's will", "It follows the Council's will not that of one member."),
    ("This shows Ukraine's will", "This shows Ukraine's will not to give up its territory."),
    ("It reflects the people's political will", "It reflects the people's political will not of one State but of all."),
    ("It is the majority's will", "It is the majority's will not a minority's whim."),
    ("This reflects the Assembly's will", "This reflects the Assembly's will not to recognize the annexation."),
])
def test_will_after_a_possessive_is_the_noun(quote, text):
    """"the people's will not of one party" names a will; the possessive stands for
    the article `_will_noun` looked for."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("adjective", ["collective", "common", "sovereign"])
def test_will_not_to_after_an_adjective_stays_verbatim(adjective):
    """"the collective will not to recognize": verbatim
    ("to" in `_WILL_NOUN_AFTER`); here with its possessive neighbours."""
    judged(f"This reflects the {adjective} will",
           f"This reflects the {adjective} will not to recognize the annexion.", "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("Ours is better. Russia's will", "Ours is better. Russia's will not work."),
    ("Their plan failed, and ours will", "Their plan failed, and ours will not succeed either."),
    ("The government will", "The government will not recognize the annexation."),
    ("The people will", "The people will not accept this."),
    ("The Sovereign will", "The Sovereign will not open Parliament this year."),
    ("Our own will", "Our own will not be left behind."),
    ("Kyiv's plan is ready; Moscow's will", "Kyiv's plan is ready; Moscow's will not be."),
    ("The EU's plan works and China's will", "The EU's plan works and China's will not work."),
])
def test_will_after_a_possessive_before_a_verb_is_the_modal(quote, text):
    """A possessive standing for its noun ("Russia's [plan] will not work"), and subjects: the
    modal, whose "not" the quote cuts."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("We need", "We need not accept this."),
    ("You need", "You need not worry about that."),
    ("They need", "They need not apply again."),
    ("Member States need", "Member States need not comply with the ruling."),
    ("The Committee considers that the State party need",
     "The Committee considers that the State party need not take further measures."),
    ("Accordingly, the applicant need", "Accordingly, the applicant need not exhaust domestic remedies."),
    ("the court need", "the court need not decide the question"),
    ("One need", "One need not agree with Moscow to see this."),
    ("What we need", "What we need not do is panic."),
])
def test_a_silent_cut_after_the_modal_need_is_caught(quote, text):
    """"need" was never weighed as the modal when a quote ended on it (`_NOUN_MODALS`
    made every "need" a noun); a pronoun or a plain noun before it is its subject."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("the need", "We stress the need not to escalate."),
    ("the urgent need", "the urgent need not yet met"),
    ("Urgent need", "Urgent need not yet met by donors."),
    ("those in need", "Aid reaches those in need not covered by the scheme."),
    ("The humanitarian needs", "The humanitarian needs not yet met are vast."),
    ("Humanitarian needs", "Humanitarian needs not covered by the appeal remain vast."),
    ("It recognizes the Organization's need", "It recognizes the Organization's need not to duplicate work."),
    ("… unmet need", "They assess unmet need not covered by the appeal."),
    ("They fund any need", "They fund any need not covered by the State."),
    ("We respond to their needs", "We respond to their needs not to our own."),
    ("The Member States' needs", "The Member States' needs not met by the budget remain."),
    ("Energy needs", "Energy needs not met by imports will grow."),
    ("Food needs", "Food needs not covered by the appeal remain large."),
])
def test_need_the_noun_stays_verbatim(quote, text):
    """The noun: after a determiner, a preposition, a possessive or an adjective, and "needs",
    which the modal never is ("the humanitarian needs not yet met")."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("Addressing the health need", "Addressing the health need not met by existing services is a priority."),
    ("an identified need", "Each facility must address an identified need not covered by the plan."),
    ("the assessed need", "The appeal reflects the assessed need not covered by other donors."),
    ("the total need", "The total need not covered by the budget remains high."),
    ("the residual need", "UNHCR covers the residual need not met by the host Government."),
    ("the energy need", "The energy need not met by renewables is supplied by coal."),
    ("the community need", "The project targets the community need not addressed by the State."),
    ("the protection need", "The protection need not covered by the cluster is the largest."),
    ("the education need", "The education need not covered by the appeal grows."),
    ("an expressed need", "This responds to an expressed need not yet met."),
    ("the identified need", "the identified need not yet met"),
    ("an unaddressed need", "an unaddressed need not yet met"),
    ("the capacity need", "the capacity need not addressed in the plan"),
    ("a development need", "a development need not met by aid"),
    ("the care need", "the care need not covered by insurance"),
    ("the shelter need", "the shelter need not covered by the appeal"),
    ("that need", "The fund exists to meet that need not covered by insurance."),
    ("the WASH need", "the WASH need not covered by the appeal"),
    ("the IDP need", "the IDP need not met by the cluster"),
    ("the 2024 need", "the 2024 need not covered by the appeal"),
    ("Health need", "Health need not met in rural areas"),
    ("Funding need", "Funding need not covered by the appeal: 40 per cent."),
    ("Health Need", "Health Need Not Met"),
    ("HEALTH NEED", "HEALTH NEED NOT MET"),
    ("the health need", "It describes the health need never met by the State."),
    ("the health need", "It describes the health need no longer met by the State."),
    ("the health need", "the health need hardly met by the State"),
    ("the health need …", "the health need not met by existing services"),
    ("the transport need", "the transport need not paid for by donors"),
    ("the health need", "the health need not given priority by the State"),
])
def test_need_before_not_and_a_participle_is_the_noun(quote, text):
    """The modal "need not" takes a bare infinitive, never a participle, so "the health
    need not met by existing services" names a need (`_participle_after_not`), whatever word stands
    before it, never read as the modal's subject."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("We need", "We need not worry about this."),
    ("We need", "We need not feed the trolls."),
    ("Costs need", "Costs need not exceed the budget."),
    ("The parties need", "The parties need not proceed with the hearing."),
    ("It need", "It need not be so."),
    ("Reviewers need", "Reviewers need not red-flag every change."),
    ("You need", "You need not shed tears over it."),
    ("We need", "We need not embed the clause."),
    ("We need", "We need not set a deadline."),
    ("We need", "We need not yet decide."),
    ("We need", "We need never fear them."),
    ("The State party need", "The State party need not take further measures."),
    ("Member States need", "Member States need not comply."),
])
def test_need_not_before_a_verb_that_looks_like_a_participle_stays_the_modal(quote, text):
    """The modal's verbs in -eed ("feed", "exceed", "proceed"), in -ed ("shed", "embed", "red-flag")
    and those that are participles too ("set") keep "need" the modal: its "not" cut is caught."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("Russia's will", "Russia's will not simply disappear."),
    ("the ‘reformers’ will", "the ‘reformers’ will not simply accept this"),
    ("the so-called ‘Greens’ will", "the so-called ‘Greens’ will not just stand by but act"),
    ("the Greens' will", "the Greens' will not just stand by"),
    ("the ‘vulnerable’ need", "the ‘vulnerable’ need not apply"),
])
def test_a_modal_after_a_possessive_or_a_quoted_word_is_caught(quote, text):
    """A closing ’ after a quoted word is no possessive's apostrophe, and a possessive's
    "will not" before "simply", "just", "only" is the modal (`_POSSESSIVE_WILL_AFTER`)."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("This reflects the general will", "This reflects the general will not of one party."),
    ("This reflects the general will …", "This reflects the general will not of one party but of all."),
    ("Rousseau's general will", "Rousseau's general will not of one party but of all."),
    ("It expresses the general will", "It expresses the general will not that of a faction."),
    ("the general will", "the general will not only of one party but of all"),
])
def test_the_general_will_before_not_and_no_verb_is_the_noun(quote, text):
    """"general" is a noun too, so it was not among the adjectives whose "will" is the
    noun; it is now one of those (`_WILL_NOUN_ADJECTIVES`) whose "will" is the noun only where no verb
    follows its "not", an adverb read past (`_no_verb_after_not`)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("The general will", "The general will not attend the summit."),
    ("The general will", "The general will not simply resign."),
    ("The general will", "The general will not of course resign."),
    ("The general will", "The general will not for a moment accept this."),
    ("The Sovereign will", "The Sovereign will not of course open Parliament."),
])
def test_the_general_will_before_not_and_a_verb_is_the_modal(quote, text):
    """The general (the officer) and his modal: a verb after "not", past an adverb or "of course"
    (`_NOT_ADVERBS`), keeps the cut a dropped negation."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text", [
    ("the people's will", "the people's will not his alone decides"),
    ("The people's will …", "The people's will not their leaders' decides."),
    ("the people's will", "the people's will not only of one party"),
    ("the ‘citizens’ will", "the ‘citizens’ will not of one party"),
    ("The ‘citizens’ will …", "The ‘citizens’ will not of one party must prevail."),
    ("the 'citizens' will", "the 'citizens' will not that of the elites"),
])
def test_will_after_a_possessive_or_a_quoted_plural_before_a_determiner_is_the_noun(quote, text):
    """After a possessive only "of", "to", "that", articles and "for" named a will
    (a `_POSSESSIVE_WILL_AFTER` kept apart for its adverbs), and a quoted plural's
    closing ’ was no possessive at all.  One reading now: no verb after "not", an adverb read past;
    before "will" a quoted plural's closing mark may stand for the apostrophe (`_possessive`)."""
    judged(quote, text, "verbatim")


@pytest.mark.parametrize("quote, text", [
    ("the ‘citizens’ will", "the ‘citizens’ will not accept this"),
    ("the ‘citizens’ will", "the ‘citizens’ will not simply accept this"),
    ("the ‘citizens’ need", "the ‘citizens’ need not apply"),
    ("Russia's will", "Russia's will not of course disappear."),
])
def test_a_quoted_plural_or_a_possessive_before_a_verb_keeps_the_modal(quote, text):
    """A verb after the "not" keeps "will" the modal; "need" reads no quoted mark as a possessive."""
    judged(quote, text, "altered")


@pytest.mark.parametrize("quote, text, expected", [
    ("The General will", "The General will not for one moment accept this.", "altered"),
    ("the ‘reformers’ will", "the ‘reformers’ will not for a second accept this", "altered"),
    ("The general will", "The general will not for the time being attend.", "altered"),
    ("the people's will", "the people's will not for war but for peace", "verbatim"),
    ("the general will", "the general will not for the few but for all", "verbatim"),
])
def test_for_and_a_span_of_time_after_not_is_the_modals_adverb(quote, text, expected):
    """"for" named a will whatever followed it (`_WILL_NOUN_AFTER`), the adverbs read past
    a closed list ("for a moment", not "for one moment"), so these were verbatim:
    "for" and a span of time (`_FOR_SPANS`) is an adverb now (`_not_adverb`)."""
    judged(quote, text, expected)


@pytest.mark.parametrize("quote, text", [
    ("the people's will", "the people's will not for a second referendum"),
    ("The people's will …", "The people's will not for a second referendum was clear."),
    ("the people's will", "It reflects the people's will not for a second term but for reform."),
])
def test_second_before_its_noun_is_the_ordinal(quote, text):
    """"for a second" was a span of time whatever followed, so "will" was the modal; "second" before
    a noun of a second go (`_SECOND_GOES`) is its ordinal, and "for" names the will (`_not_adverb`)."""
    judged(quote, text, "verbatim")


def test_for_a_second_before_a_verb_is_still_a_span():
    """"second" before a verb, not a noun of `_SECOND_GOES`, is still a span of time: the "will" is the
    modal's, and "The general will" cuts its "not"."""
    judged("The general will", "The general will not for a second accept this proposal.", "altered")
