"""kg.zones: the structure of scraped articles, read from the text alone (sentences of our own)."""

from __future__ import annotations

import pytest

from kg.zones import (
    ASIDE,
    CAPTION,
    CREDIT,
    DATELINE_ZONE,
    HEADLINE,
    INTERTITLE,
    MARKER,
    SIGNATURE,
    SPEAKER,
    dateline_places,
    find_zones,
    signatures,
)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(z.kind, text[z.start : z.end].strip()) for z in find_zones(text)]


@pytest.mark.parametrize(
    "text, headline, body_start",
    [
        (
            "Leaders Meet in Lima on Trade-The presidents of two countries met on Monday.",
            "Leaders Meet in Lima on Trade",
            "The presidents",
        ),
        (
            "Floods Hit Coastal Towns as Rains Continue -Heavy rain fell for a third day.",
            "Floods Hit Coastal Towns as Rains Continue",
            "Heavy rain",
        ),
        (
            "Pro-Government Rally Draws Thousands-Crowds gathered in the capital.",
            "Pro-Government Rally Draws Thousands",
            "Crowds gathered",
        ),
    ],
)
def test_a_headline_glued_to_the_first_sentence(text, headline, body_start):
    zones = kinds(text)
    assert zones[0] == (HEADLINE, headline)
    assert zones[-1][1].startswith(body_start)


def test_a_dateline_after_a_glued_headline():
    text = "Talks Resume in Oslo-OSLO, NORWAY — -Negotiators returned to the table on Tuesday."
    zones = kinds(text)
    assert [k for k, _ in zones] == [HEADLINE, DATELINE_ZONE, "body"]
    assert zones[-1][1].startswith("Negotiators")
    ((start, end),) = dateline_places(text)
    assert text[start:end] == "OSLO"


def test_an_intertitle_run_into_its_paragraph():
    text = "Ministers Gather-The meeting opened.\nBorder dispute-When the two sides met, little changed."
    zones = kinds(text)
    assert (INTERTITLE, "Border dispute") in zones
    assert ("body", "When the two sides met, little changed.") in zones


def test_hyphenated_names_and_prefixes_are_no_intertitles():
    text = "First line of the story.\nJean-Luc Moreau arrived on Monday.\nAnti-war protesters marched."
    assert not [k for k, _ in kinds(text) if k == INTERTITLE]


def test_a_photo_caption_inside_a_paragraph_keeps_its_date():
    text = (
        "Officials met for hours. FILE - Foreign Minister Ana Ruiz, left, shakes hands with Lars Berg in Quito, "
        "Ecuador, May 3, 2016. The talks ended without a deal."
    )
    zones = find_zones(text)
    caption = next(z for z in zones if z.kind == CAPTION)
    assert text[caption.start : caption.end].startswith("Foreign Minister Ana Ruiz")
    assert text[caption.start : caption.end].endswith("May 3, 2016.")
    assert caption.date_text == "May 3, 2016"
    assert any(z.kind == MARKER for z in zones)
    assert text[zones[-1].start : zones[-1].end].strip() == "The talks ended without a deal."


def test_credits():
    text = "The vote was held on Sunday. (AP Photo/Kim Lee) Maria Sousa contributed to this report from Lisbon."
    assert [k for k, _ in kinds(text) if k == CREDIT] == [CREDIT, CREDIT]


def test_file_is_no_dateline():
    assert not [
        k for k, _ in kinds("First line here.\nFILE - A man walks past a wall, Jan. 2, 2015.") if k == DATELINE_ZONE
    ]


def test_a_story_opening_with_its_dateline_has_no_headline():
    text = "CAIRO (Reuters) -A convoy reached the border on Tuesday."
    assert [k for k, _ in kinds(text)] == [DATELINE_ZONE, "body"]


def test_a_party_tag_is_no_headline_glue():
    assert [k for k, _ in kinds("Sen. Tom Ward, R-Ohio, said on Monday he would run.")] == ["body"]


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine-Russia talks resume in Minsk as ministers meet.",
        "First line of a story.\nIsraeli-Palestinian talks resumed on Monday.",
        "Sino-Japanese ties improved after the visit.",
    ],
)
def test_a_compound_of_states_is_no_zone_boundary(text):
    assert all(kind == "body" for kind, _ in kinds(text))


def test_a_place_line_in_a_statement_header_is_a_dateline():
    text = "Remarks Before the Trade Talks\n\nAnna Berg\nMinister of Trade\nLyon, France\nMay 3, 2019\n\nThank you all."
    zones = find_zones(text)
    place = next(z for z in zones if z.kind == DATELINE_ZONE)
    assert text[place.start : place.end] == "Lyon, France"
    assert [text[a:b] for a, b in dateline_places(text)] == ["Lyon, France"]
    later = "Body.\n" * 10 + "Lyon, France\n"
    assert not [z for z in find_zones(later) if z.kind == DATELINE_ZONE]  # far from the header: no dateline


def test_a_transcripts_speaker_labels_and_stage_directions_are_zones_of_their_own():
    text = (
        "Remarks After the Trade Talks\n\n"
        "DEPUTY MINISTER OKAFOR: Good morning. (Laughter.) We met for two hours.\n\n"
        "MR. LINDQVIST:  Thank you, Chidi.\n"
        "QUESTION: (Inaudible.)\n"
        "THE CHAIRMAN: Next question."
    )
    zones = kinds(text)
    assert [t for k, t in zones if k == SPEAKER] == [
        "DEPUTY MINISTER OKAFOR:",
        "MR. LINDQVIST:",
        "QUESTION:",
        "THE CHAIRMAN:",
    ]
    assert [t for k, t in zones if k == ASIDE] == ["(Laughter.)", "(Inaudible.)"]
    assert ("body", "We met for two hours.") in zones and ("body", "Thank you, Chidi.") in zones


@pytest.mark.parametrize(
    "text",
    [
        "Talks Resume\n\nKARACHI: Officials said the talks went well.",  # a dateline of that shape
        "Talks Resume\n\nNEW DELHI: Officials said the talks went well.",
    ],
)
def test_a_dateline_before_a_colon_is_no_speaker_label(text):
    assert [k for k, _ in kinds(text)][1:] == [DATELINE_ZONE, "body"]


@pytest.mark.parametrize(
    "text, name, titles, organizations",
    [
        (
            "Floods in the North\n\nPress Statement\nAnna Berg, Department Spokesperson\nU.S. Department of Commerce\n"
            "May 3, 2019\n\nThe United States mourns the victims.",
            "Anna Berg",
            ["Department Spokesperson"],
            ["U.S. Department of Commerce"],
        ),
        (
            "Statement on the Vote\n\nPedro J. Alvarez\nPermanent Representative of Chile to the United Nations\n"
            "Permanent Mission of Chile to the United Nations\nNew York, NY\nJune 2, 2021\n\nChile welcomes the vote.",
            "Pedro J. Alvarez",
            ["Permanent Representative of Chile to the United Nations"],
            ["Permanent Mission of Chile to the United Nations"],
        ),
        (
            "Remarks Before the Talks\n\nKaren Holt\nSecretary of State\nParis, France\n\nThank you.",
            "Karen Holt",
            ["Secretary of State"],
            [],
        ),
    ],
)
def test_a_statements_signature_names_its_signer_titles_and_organizations(text, name, titles, organizations):
    (found,) = signatures(text)
    assert text[slice(*found.name)] == name
    assert [text[slice(*s)] for s in found.titles] == titles
    assert [text[slice(*s)] for s in found.organizations] == organizations
    signed = [t for k, t in kinds(text) if k == SIGNATURE]
    assert signed and all(name in t or any(x in t for x in titles + organizations) for t in signed)


@pytest.mark.parametrize(
    "text",
    [
        "Anna Berg, Department Spokesperson\nU.S. Department of Commerce\n\nText.",  # the first line is the title
        "Talks End\n\nAnna Berg\n\nDepartment Spokesperson\n\nText.",  # a blank line between
        "Talks End\n\nAnna Berg\nParis, France\n\nText.",  # no title: a name and a place
        "Talks End\n\nKem Lani's House, Phnom Penh\nMay 3, 2019\n\nText.",
        "Talks End\n\nAnna Berg met the Department Spokesperson on Monday.\nText.",
        "\n".join(["Talks End"] + ["A line of the story."] * 9 + ["Anna Berg", "Department Spokesperson"]),
    ],
)
def test_no_signature_where_a_name_and_its_title_are_not_a_header_block(text):
    assert signatures(text) == []
