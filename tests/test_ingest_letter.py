"""The seed letter A/74/855–S/2020/404, parsed exactly: 42 statements, 42 citations."""

import re

import pytest

from crawler.ingest.letter import parse_letter
from crawler.ingest.pages import split_pages
from tests.conftest import LETTER

IO, ST = "International organizations", "Individual States"


@pytest.fixture(scope="module")
def letter():
    return parse_letter(split_pages(LETTER.read_text(encoding="utf-8")), "sha", str(LETTER))


# (footnote, section, entity, place, date, title), in document order.
STATEMENTS = [
    (1, IO, 'Cooperation Council of Turkic Speaking States', 'Istanbul', '2020-03-31',
     'Statement by the Cooperation Council of Turkic Speaking States'),
    (2, IO, 'Council of Europe', 'Strasbourg', '2020-04-20',
     'Statement by the Directorate of Communications of the Council of Europe'),
    (3, IO, 'European Parliament', 'Brussels', '2020-03-31',
     'Statement by the Chair of the Delegation of the European Parliament to the EU-Armenia Parliamentary Partnership Committee, the EU-Azerbaijan Parliamentary Cooperation Committee and the EU-Georgia Parliamentary Association Committee, MEP Marina Kaljurand on the so-called elections in Nagorno-Karabakh'),
    (4, IO, 'European Union (EU)', 'Brussels', '2020-03-31',
     'Nagorno-Karabakh: Statement by the Spokesperson for Foreign Affairs and Security Policy on the so-called presidential and parliamentary elections'),
    (5, IO, 'European Union (EU)', 'Brussels', '2020-05-01',
     'Answer given by High Representative/Vice-President Borrell on behalf of the European Commission'),
    (6, IO, 'Non-Aligned Movement (NAM)', 'New York', '2020-04-04',
     'Communique of the Coordinating Bureau of the Non-Aligned Movement on the so-called “elections” held in the occupied territories of the Republic of Azerbaijan'),
    (7, IO, 'North Atlantic Treaty Organization (NATO)', 'Brussels', '2020-03-31',
     'Statement by the NATO Deputy Assistant Secretary General for Political Affairs, and NATO Secretary General’s Special Representative for the Caucasus and Central Asia'),
    (8, IO, 'Organization for Democracy and Economic Development-GUAM', 'Kyiv', '2020-03-31',
     None),
    (9, IO, 'Organization for Security and Cooperation in Europe (OSCE)', 'Moscow/Paris/Washington, D.C.', '2020-03-31',
     'Press Statement by the Co-Chairs of the OSCE Minsk Group'),
    (10, IO, 'OSCE Parliamentary Assembly', 'Copenhagen', '2020-04-02',
     None),
    (11, IO, 'OSCE Parliamentary Assembly', 'Copenhagen', '2020-04-09',
     None),
    (12, IO, 'Organization of Islamic Cooperation (OIC)', 'Jeddah', '2020-03-31',
     'OIC Rejects the Holding of Elections in the Occupied Nagorno-Karabakh'),
    (13, IO, 'Parliamentary Assembly of Turkic Speaking Countries (TURKPA)', 'Baku', '2020-04-03',
     'Statement by the Parliamentary Assembly of Turkic-speaking Countries'),
    (14, ST, 'Australia', 'Ankara', '2020-04-03',
     'Statement by the Embassy of Australia in Turkey'),
    (15, ST, 'Bosnia and Herzegovina', 'Sarajevo', '2020-04-04',
     'Note verbale of the Ministry of Foreign Affairs of Bosnia and Herzegovina to the Ministry of Foreign Affairs of the Republic of Azerbaijan'),
    (16, ST, 'Canada', 'Ankara', '2020-04-01',
     'Statement by the Embassy of Canada in Turkey'),
    (17, ST, 'China', 'Beijing', '2020-04-14',
     'Statement by the Spokesperson of the Ministry of Foreign Affairs of China'),
    (18, ST, 'China', 'Beijing', '2020-04-16',
     'Note verbale of the Ministry of Foreign Affairs of China to the Embassy of the Republic of Azerbaijan'),
    (19, ST, 'Czech Republic', 'Prague', '2020-04-01',
     'Statement of the Ministry of Foreign Affairs of the Czech Republic on “Presidential and Parliamentary Elections” in Nagorno-Karabakh'),
    (20, ST, 'Republic of Estonia', 'Tallinn', '2020-03-31',
     'Statement by the Ministry of Foreign Affairs of the Republic of Estonia'),
    (21, ST, 'Finland', 'Helsinki', '2020-03-31',
     'Statement by Päivi Peltokoski, Director of Unit for Eastern Europe and Central Asia, Ministry for Foreign Affairs of Finland'),
    (22, ST, 'Georgia', 'Tbilisi', '2020-04-01',
     'Statement of the Ministry of Foreign Affairs of Georgia'),
    (23, ST, 'Georgia', 'Tbilisi', '2020-04-15',
     'Statement of the Ministry of Foreign Affairs of Georgia'),
    (24, ST, 'Germany', 'Berlin', '2020-04-01',
     'Statement by Michael Siebert, Director for Eastern Europe, Caucasus and Central Asia of the Federal Foreign Office of Germany'),
    (25, ST, 'Islamic Republic of Iran', 'Tehran', '2020-03-31',
     'Spokesperson for the Ministry of Foreign Affairs of the Islamic Republic of Iran has called for the peaceful settlement of conflicts over Nagorno-Karabakh in reaction to the forthcoming elections in the disputed region'),
    (26, ST, 'Italy', 'Rome', '2020-03-31',
     'Statement by the Ministry of Foreign Affairs and International Cooperation of Italy'),
    (27, ST, 'Japan', 'Baku', '2020-04-23',
     'Note verbale of the Embassy of Japan in Baku to the Ministry of Foreign Affairs of the Republic of Azerbaijan'),
    (28, ST, 'Republic of Latvia', 'Riga', '2020-03-31',
     'Statement by the Ministry of Foreign Affairs of the Republic of Latvia'),
    (29, ST, 'Montenegro', 'Podgorica', '2020-04-02',
     'Statement by the Ministry of Foreign Affairs of Montenegro'),
    (30, ST, 'Republic of Moldova', 'Chisinau', '2020-04-01',
     'Ministry of Foreign Affairs and European Integration of the Republic of Moldova: Regarding the so-called “presidential and parliamentary elections” on the Nagorno-Karabakh/Mountain Karabakh region'),
    (31, ST, 'Republic of Moldova', 'Chisinau', '2020-04-17',
     'Republic of Moldova confirms its support for Azerbaijan’s sovereignty and territorial integrity'),
    (32, ST, 'Norway', 'Oslo', '2020-04-07',
     'Note verbale of the Royal Norwegian Ministry of Foreign Affairs to the Embassy of the Republic of Azerbaijan'),
    (33, ST, 'Pakistan', 'Islamabad', '2020-04-09',
     'Statement by the spokesperson of the Ministry of Foreign Affairs of Pakistan'),
    (34, ST, 'Poland', 'Warsaw', '2020-04-09',
     'Note verbale of the Ministry of Foreign Affairs of Poland to the Embassy of the Republic of Azerbaijan'),
    (35, ST, 'Romania', 'Bucharest', '2020-03-31',
     'Press release of the Ministry of Foreign Affairs of Romania regarding the so-called “presidential and legislative” elections in Nagorno-Karabakh'),
    (36, ST, 'Saudi Arabia', 'Baku', '2020-04-15',
     'Note verbale of the Embassy of the Kingdom of Saudi Arabia in Baku to the Ministry of Foreign Affairs of the Republic of Azerbaijan'),
    (37, ST, 'Switzerland', 'Bern', '2020-04-08',
     'Note verbale of the Federal Department of Foreign Affairs to the Embassy of the Republic of Azerbaijan'),
    (38, ST, 'Turkey', 'Ankara', '2020-03-30',
     'Press Release of the Ministry of Foreign Affairs of Turkey Regarding the So-Called Elections to be Held on 31 March 2020 in Azerbaijan’s Nagorno-Karabakh region under Armenian occupation'),
    (39, ST, 'Ukraine', 'Kyiv', '2020-03-31',
     'Statement by the Ministry of Foreign Affairs of Ukraine on the non-recognition of the so-called “presidential and parliamentary elections” in Nagorno-Karabakh, Azerbaijan (March 31)'),
    (40, ST, 'United Kingdom', 'Baku', '2020-04-01',
     'Statement by the British Embassy in Azerbaijan'),
    (41, ST, 'United Kingdom', 'Baku', '2020-04-13',
     'Statement by the British Embassy in Azerbaijan'),
    (42, ST, 'United States of America', 'Washington, D.C.', '2020-04-06',
     'Statement by the U.S. Department of State'),
]

WEB = {
    1: 'https://www.turkkon.org/en/haberler/statement-by-the-cooperation-council-of-turkic-speaking-states_1986',
    2: 'https://report.az/en/nagorno-karabakh-conflict/council-of-europe-doesn-t-recognise-so-called-elections-held-in-nag/',
    3: 'https://www.europarl.europa.eu/delegations/mt/dsca/product/20200331DPU25005',
    4: 'https://eeas.europa.eu/headquarters/headquarters-homepage/76801/nagorno-karabakh-statement-spokesperson-so-called-presidential-and-parliamentary-elections_en',
    5: 'https://www.europarl.europa.eu/doceo/document/E-9-2020-001279-ASW_EN.pdf',
    6: 'https://www.namazerbaijan.org/pdf/acdoc6.pdf',
    9: 'https://www.osce.org/minsk-group/449410',
    11: 'https://www.oscepa.org/news-a-media/press-releases/2020/osce-parliamentarians-endorse-un-sg-s-global-ceasefire-call-discuss-european-response-to-covid-19-pandemic-and-plan-pa-activities',
    12: 'https://www.oic-oci.org/topic/?t_id=23303&t_ref=13971&lan=en',
    17: 'https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/t1769716.shtml',
    19: 'https://www.mzv.cz/baku/en/bilateral_relations/statement_of_the_ministry_of_foreign.html',
    22: 'https://mfa.gov.ge/News/sagareo-saqmeta-saministros-ganckhadeba-(32).aspx?CatID=5',
    23: 'https://mfa.gov.ge/cmsctx/culture/en-US/-/News/saqartvelo-mkhars-uchers-azerbaijanis-respublikis.aspx?CatID=5',
    25: 'https://en.mfa.ir/portal/NewsView/579145',
    30: 'https://www.mfa.gov.md/ro/content/cu-privire-la-asa-zisele-alegeri-prezidentiale-si-parlamentare-din-regiunea-nagorno',
    31: 'https://www.mfa.gov.md/ro/content/republica-moldova-isi-confirma-sprijinul-pentru-suveranitatea-si-integritatea-teritoriala',
    33: 'http://mofa.gov.pk/transcript-of-the-press-briefing-by-spokesperson-on-thursday-09-april-2020/',
    35: 'http://mae.ro/en/node/52171',
    38: 'http://www.mfa.gov.tr/no_82_-yukari-karabag-da-duzenlenmesi-ongorulen-sozde-secimler-hk.en.mfa',
    39: 'https://mfa.gov.ua/en/news/statement-ministry-foreign-affairs-ukraine-non-recognition-so-called-presidential-and-parliamentary-elections-nagorno-karabakh-azerbaijan-march-31',
}

HANDLES = {
    8: "@GUAMSecretariat", 10: "@oscepa", 13: "@TURK_PA", 14: "@AusAmbTurkey", 16: "@CanEmbTurkey",
    20: "@MFAestonia", 21: "@PaiviPeltokoski", 24: "@GERonOstpolitik", 26: "@ItalyMFA", 28: "@Latvian_MFA",
    29: "@MFA_MNE",
}

OFFLINE = {
    15: 'Note by the Ministry of Foreign Affairs of Bosnia and Herzegovina addressed to the Embassy of the Republic of Azerbaijan, Sarajevo, 04.04.2020 (Unofficial translation).',
    18: 'Note verbale of the Ministry of Foreign Affairs of China addressed to the Embassy of the Republic of Azerbaijan, Beijing, 16.04.2020 (Unofficial translation).',
    27: 'Note verbale of the Embassy of Japan in the Republic of Azerbaijan addressed to the Ministry of Foreign Affairs of the Republic of Azerbaijan, Baku, 23.04.2020.',
    32: 'Note verbale of the Royal Norwegian Ministry of Foreign Affairs to the Embassy of the Republic of Azerbaijan, Oslo, 07.04.2020.',
    34: 'Note verbale of the Ministry of Foreign Affairs of Poland to the Embassy of the Republic of Azerbaijan, Warsaw, 09.04.2020, (Unofficial translation).',
    36: 'Note by the Embassy of the Kingdom of Saudi Arabia addressed to the Ministry of Foreign Affairs of the Republic of Azerbaijan, Baku, 15.04.2020 (Unofficial translation).',
    37: 'Note by the Federal Department of Foreign Affairs of Switzerland addressed to the Embassy of the Republic of Azerbaijan, Bern, 08.04.2020.',
    42: 'Statement by the U.S. Department of State to the Azertac News Agency, 06.04.2020.',
}


def test_metadata(letter):
    assert letter.kind == "letter"
    assert letter.symbols == ["A/74/855", "S/2020/404"]
    assert letter.date == "2020-05-13"
    assert letter.title == (
        "Letter dated 13 May 2020 from the Permanent Representative of Azerbaijan to the United Nations "
        "addressed to the Secretary-General"
    )
    assert letter.author == "Yashar Aliyev"
    assert letter.metadata["job_number"] == "20-06766"
    assert letter.metadata["page_count"] == 16
    assert letter.metadata["footnotes"] == 42
    assert letter.metadata["annex_title"].startswith("Position of the international community with regard to the illegitimate")


def test_42_statements_in_order_with_their_headings(letter):
    got = [(s.footnote, s.section, s.entity, s.place, s.date, s.title) for s in letter.statements]
    assert got == STATEMENTS
    assert [s.seq for s in letter.statements] == list(range(1, 43))


def test_quotes_are_free_of_page_furniture(letter):
    furniture = re.compile(r"A/74/855|S/2020/404|20-06766|\d+/16\b|_{3,}|https?://|\bpolitica l\b|posi tion|media tion| -Karabakh|-\s")
    for statement in letter.statements:
        assert statement.quote, statement.seq
        assert not furniture.search(statement.quote), (statement.seq, furniture.search(statement.quote))
        assert "  " not in statement.quote


@pytest.mark.parametrize("seq, quote", [
    (3, "Today, ‘presidential and parliamentary elections’ have been held in Nagorno-Karabakh. I wish to reiterate, "
        "in line with previous statements from the European Union, that we do not recognise the constitutional and "
        "legal framework of these so-called elections and their outcome cannot prejudice the determination of the "
        "future status of Nagorno-Karabakh. Moreover, organising these ‘elections’ does not help to create conditions "
        "conducive to reconciliation.\nThe European Union continues to firmly support the OSCE Minsk Group and its "
        "efforts to find a peaceful solution to the Nagorno-Karabakh conflict. I call on the sides to step up their "
        "commitment to the negotiation process and to the strict observance of the ceasefire, exercising the greatest "
        "possible restraint and avoiding any provocations."),
    (8, "Nagorno-Karabakh region is Azerbaijan. ODEDGUAM condemns the so-called elections held on 31 March 2020 in "
        "the occupied territories of Azerbaijan by Armenia."),
    (11, "Members of Bureau of the OSCE Parliamentary Assembly …stressed that the coronavirus crisis should not be "
         "exploited to curtail human rights, and emphasized that the recent “elections” held in internationally "
         "unrecognized Nagorno-Karabakh and Abkhazia were illegitimate and could aggravate the public health threat."),
    (18, "China and Azerbaijan are friendly partners for cooperation, both parties consistently and on mutual basis "
         "respect independence, sovereignty and territorial integrity of each other, and both States develop bilateral "
         "relations on the basis of these principles. China’s position on the issue of “Nagorno-Karabakh” is clear and "
         "consistent. China hopes that the relevant parties will resolve disputes through political dialogue, to "
         "uphold regional peace and stability. The Chinese side is ready to continue its efforts to promote stability "
         "and development in the region."),
    (22, "The Ministry of Foreign Affairs of Georgia reaffirms its support to the sovereignty and territorial "
         "integrity of the Republic of Azerbaijan and does not recognize the so called presidential and "
         "parliamentarian elections held on March 31, 2020 in N. Karabakh.\nGeorgia supports exclusively peaceful "
         "settlement of N. Karabakh conflict in line with the norms and principles of international law."),
    (29, "Montenegro reiterates its firm support to the #OSCE Minsk Group and its Co-Chairs efforts to bring about "
         "progress beyond the status quo and substantive negotiations towards comprehensive and sustainable peace.\n"
         "The so-called “presidential and parliamentary elections” in Nagorno-Karabakh, held on March 31, 2020 don’t "
         "serve that goal, nor can prejudice the determination of the future status of Nagorno-Karabakh, or the "
         "outcome of the ongoing negotiation process."),
])
def test_quotes_exact(letter, seq, quote):
    assert letter.statements[seq - 1].quote == quote


def test_split_words_and_hyphens_repaired(letter):
    quotes = {s.seq: s.quote for s in letter.statements}
    assert "which is the position of all Muslim States" in quotes[36]
    assert "full support for the mediation efforts of the Co-Chairs" in quotes[37]
    assert "we do not recognise the constitutional and legal framework of these so-called elections" in quotes[3]
    assert "principles of non-use or threat of force, territorial integrity, and self-determination of peoples." in quotes[34]
    assert "in accordance with the relevant resolutions" in quotes[36]


def test_inner_footnote_mark_of_the_quoted_text_is_removed_and_flagged(letter):
    answer = letter.statements[4]
    assert "clearly stated in the 2017 Eastern Partnership Summit declaration.\n" in answer.quote
    assert answer.flags == ["inner-footnote-marker"]


def test_citation_kinds(letter):
    kinds = [c.kind for c in letter.citations]
    assert len(kinds) == 42
    assert [c.seq for c in letter.citations] == list(range(1, 43))
    assert {k: kinds.count(k) for k in set(kinds)} == {"web": 20, "twitter": 11, "facebook": 3, "offline": 8}


def test_the_20_web_urls_exactly(letter):
    web = {c.seq: c.url for c in letter.citations if c.kind == "web"}
    assert web == WEB
    assert sorted(u for u in web.values() if u.endswith(".pdf")) == [
        "https://www.europarl.europa.eu/doceo/document/E-9-2020-001279-ASW_EN.pdf",
        "https://www.namazerbaijan.org/pdf/acdoc6.pdf",
    ]


def test_the_11_twitter_handles(letter):
    twitter = {c.seq: c.handle for c in letter.citations if c.kind == "twitter"}
    assert twitter == HANDLES
    assert letter.citations[7].source_key == "twitter:@guamsecretariat"
    assert letter.citations[7].source_url == "https://twitter.com/GUAMSecretariat"


def test_facebook_citations_and_shared_source(letter):
    facebook = {c.seq: (c.url, c.handle, c.source_key) for c in letter.citations if c.kind == "facebook"}
    assert facebook == {
        7: ("https://www.facebook.com/JamesAppathurai/", "JamesAppathurai", "facebook:jamesappathurai"),
        40: ("https://www.facebook.com/ukinazerbaijan/", "ukinazerbaijan", "facebook:ukinazerbaijan"),
        41: ("https://www.facebook.com/ukinazerbaijan/", "ukinazerbaijan", "facebook:ukinazerbaijan"),
    }


def test_offline_citations(letter):
    offline = {c.seq: c.printed for c in letter.citations if c.kind == "offline"}
    assert offline == OFFLINE
    assert all(c.url is None and c.source_key.startswith("offline:") for c in letter.citations if c.kind == "offline")
    assert letter.citations[41].source_key == "offline:statement by the u.s. department of state to the azertac news agency, 06.04.2020"


def test_unofficial_translation_is_a_flag(letter):
    flagged = [c.seq for c in letter.citations if "unofficial-translation" in c.flags]
    assert flagged == [15, 18, 31, 34, 36]
    assert [s.footnote for s in letter.statements if "unofficial-translation" in s.flags] == flagged


@pytest.mark.parametrize("seq, printed, repairs", [
    (1, "https://www.turkkon.org/en/haberler/statement-by-the-cooperation-council-of-turkic-speaking-\nstates_1986.",
     ["rejoined the URL across a line break", "dropped the full stop that ends the footnote"]),
    (12, "https://www.oic-oci.org/topic/?t_id=23303&t_ref=13971&lan=en .", ["dropped the ' .' that ends the footnote"]),
    (22, "https://mfa.gov.ge/News/sagareo-saqmeta-saministros-ganckhadeba-(32).aspx?CatID=5.",
     ["dropped the full stop that ends the footnote"]),
    (31, "https://www.mfa.gov.md/ro/content/republica -moldova-isi-confirma-sprijinul-pentru-\n"
         "suveranitatea-si-integritatea-teritoriala",
     ["removed a space that text extraction put inside the URL", "rejoined the URL across a line break"]),
    (33, "http://mofa.gov.pk/%20transcript-of-the-press-briefing-by-spokesperson-on-thursday-09-april-2020/.",
     ["dropped the full stop that ends the footnote",
      "removed '%20' (an encoded space) at the edge of a path segment: a defect of the source document's link"]),
])
def test_printed_url_and_repair_reasons(letter, seq, printed, repairs):
    citation = letter.citations[seq - 1]
    assert citation.url_printed == printed
    assert citation.repairs == repairs
    assert "confirmed-by-link-target" in citation.flags


def test_every_footnote_url_is_confirmed_by_the_link_list(letter):
    with_url = [c for c in letter.citations if c.url]
    assert len(with_url) == 23
    assert all("confirmed-by-link-target" in c.flags for c in with_url)


def test_links_that_are_not_footnotes_are_document_links(letter):
    assert [link.url for link in letter.links] == [
        "https://undocs.org/en/A/74/805",
        "https://documents-dds-ny.un.org/doc/RESOLUTION/GEN/NR0/700/07/img/NR070007.pdf?OpenElement",
        "https://documents-dds-ny.un.org/doc/RESOLUTION/GEN/NR0/700/38/img/NR070038.pdf?OpenElement",
        "https://documents-dds-ny.un.org/doc/RESOLUTION/GEN/NR0/700/59/img/NR070059.pdf?OpenElement",
        "https://documents-dds-ny.un.org/doc/RESOLUTION/GEN/NR0/700/69/img/NR070069.pdf?OpenElement",
    ]
    assert letter.links[0].context == "page 1: a link that is not a footnote"


DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.mark.skipif(not __import__("os").path.exists(DEJAVU), reason="needs the DejaVu font (Debian fonts-dejavu-core) to write the letter's curly quotes into a PDF")
def test_the_letter_as_a_pdf_parses_the_same(letter):
    """Each page of the seed written into a real PDF, its link list as link annotations."""
    from fpdf import FPDF

    from crawler.ingest.pdf import read_pdf

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=DEJAVU)
    pdf.set_font("DejaVu", size=8)
    pdf.set_auto_page_break(False)
    for page in split_pages(LETTER.read_text(encoding="utf-8")):
        pdf.add_page()
        for line in page.lines:
            pdf.cell(0, 4, line, new_x="LMARGIN", new_y="NEXT")
        for index, link in enumerate(page.links):
            pdf.link(10, 280 + index, 50, 1, link)
    from_pdf = parse_letter(read_pdf(bytes(pdf.output())), "sha", "letter.pdf")
    assert from_pdf.statements == letter.statements
    assert from_pdf.links == letter.links
    assert (from_pdf.symbols, from_pdf.date, from_pdf.title) == (letter.symbols, letter.date, letter.title)
