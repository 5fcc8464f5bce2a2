"""The sources tradewarden knows: their official download URLs and the files a mirror holds.

A mirror (``--from DIR|URL``) is laid out as ``<mirror>/<source>/<file>``, the layout of
``shared/data/lists``. ``files`` name the files of one source in a mirror; ``urls`` are the
official download locations (publishers move them: check them when a download 404s).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tradewarden.errors import NotFound

_OS_RAW = "https://raw.githubusercontent.com/opensanctions/opensanctions/main/datasets"

# CELEX numbers of the EU framework acts transcribed by OpenSanctions' eu_journal_sanctions.
_EU_JOURNAL_ACTS = (
    "32001R2580 32002R0881 32003R1210 32004R0314 32005R1183 32006R0305 32006R0765 32009R1284 "
    "32010D0573 32010R0356 32011D0173 32011R0101 32011R0359 32011R0753 32012R0036 32012R0267 "
    "32012R0377 32013R0401 32014R0208 32014R0224 32014R0269 32014R0747 32014R0833 32014R1352 "
    "32015R0735 32015R1755 32016R0044 32016R1686 32017R1509 32017R1770 32017R2063 32018R1542 "
    "32019R0796 32019R1716 32019R1890 32020R1998 32022R2309 32023R0888 32023R1529 32023R2147 "
    "32023R2406 32024R0287 32024R0386 32024R1485 32024R2642"
).split()


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file of a source: its name in a mirror and its official URL."""

    name: str
    url: str
    required: bool = True
    # Other names the same content may carry in a mirror (e.g. a gzip copy).
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    """A sanctions or export-control list and where to get it."""

    name: str
    title: str
    publisher: str
    files: tuple[SourceFile, ...] = field(default_factory=tuple)


def _f(name: str, url: str, required: bool = True, *alternatives: str) -> SourceFile:
    return SourceFile(name=name, url=url, required=required, alternatives=tuple(alternatives))


_OFAC = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports"

SOURCES: dict[str, Source] = {
    s.name: s
    for s in (
        Source("us_ofac_sdn", "OFAC Specially Designated Nationals (SDN) List", "US Treasury OFAC", (
            _f("sdn.csv", f"{_OFAC}/SDN.CSV"),
            _f("alt.csv", f"{_OFAC}/ALT.CSV", False),
            _f("add.csv", f"{_OFAC}/ADD.CSV", False),
            _f("sdn_comments.csv", f"{_OFAC}/SDN_COMMENTS.CSV", False),
        )),
        Source("us_ofac_cons", "OFAC Consolidated (non-SDN) Sanctions List", "US Treasury OFAC", (
            _f("cons_prim.csv", f"{_OFAC}/CONS_PRIM.CSV"),
            _f("cons_alt.csv", f"{_OFAC}/CONS_ALT.CSV", False),
            _f("cons_add.csv", f"{_OFAC}/CONS_ADD.CSV", False),
            _f("cons_comments.csv", f"{_OFAC}/CONS_COMMENTS.CSV", False),
        )),
        Source("us_trade_csl", "Consolidated Screening List (BIS Entity, Denied, Unverified, MEU; State; OFAC)", "US ITA / trade.gov", (
            _f("consolidated.csv", "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv", True, "consolidated.csv.gz"),
        )),
        Source("us_bis_dpl", "BIS Denied Persons List", "US Commerce BIS", (
            _f("dpl.txt", "https://www.bis.doc.gov/dpl/dpl.txt"),
        )),
        Source("us_dod_1260h", "DoD Section 1260H Chinese military companies", "US Department of Defense", (
            _f("sanctions.csv", f"{_OS_RAW}/us/dod_chinese_milcorps/sanctions.csv"),
        )),
        Source("us_dod_1286", "DoD Section 1286 foreign institutions of concern", "US Department of Defense", (
            _f("section_1286.csv", f"{_OS_RAW}/us/special_leg/source_files/section_1286.csv"),
        )),
        Source("us_state_isn", "State Department nonproliferation sanctions (INKSNA)", "US State Department", (
            _f("inksna.csv", f"{_OS_RAW}/us/special_leg/source_files/inksna.csv"),
        )),
        Source("us_state_cuba_restricted", "State Department Cuba Restricted List", "US State Department", (
            _f("restricted_entities.csv", f"{_OS_RAW}/us/cuba_sanctions/restricted_entities.csv"),
        )),
        Source("un_sc_sanctions", "UN Security Council Consolidated List", "United Nations", (
            _f("consolidated.xml", "https://scsanctions.un.org/resources/xml/en/consolidated.xml"),
        )),
        Source("gb_hmt_sanctions", "OFSI Consolidated List of Financial Sanctions Targets", "HM Treasury OFSI", (
            _f("ConList.xlsx", "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.xlsx"),
        )),
        Source("gb_fcdo_sanctions", "UK Sanctions List", "UK FCDO", (
            _f("UK_Sanctions_List_summary.ods", "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.ods", True, "UK-Sanctions-List.ods"),
        )),
        Source("eu_fsf", "EU Financial Sanctions Files (consolidated list)", "European Commission", (
            _f("eu_fsf.xml", "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw"),
        )),
        Source("eu_journal_sanctions", "EU Official Journal sanctions annexes (OpenSanctions transcription)", "EU / OpenSanctions", tuple(
            _f(f"{act}.csv", f"{_OS_RAW}/eu/journal_sanctions/data/consolidated/{act}.csv", False) for act in _EU_JOURNAL_ACTS
        )),
        Source("cn_countermeasures", "PRC countermeasure, unreliable entity and export control lists", "PRC MFA / MOFCOM", (
            _f("sanctions.csv", f"{_OS_RAW}/cn/sanctions/sanctions.csv"),
        )),
        Source("opensanctions", "OpenSanctions FollowTheMoney export", "OpenSanctions", (
            _f("entities.ftm.json", "https://data.opensanctions.org/datasets/latest/sanctions/entities.ftm.json"),
        )),
    )
}

# The shared snapshots name the OpenSanctions folder differently from the source.
FOLDER_ALIASES: dict[str, str] = {"opensanctions_ftm": "opensanctions"}


def get_source(name: str) -> Source:
    """The source called ``name`` (or a known folder alias of it).

    Raises:
        NotFound: no such source.
    """
    name = FOLDER_ALIASES.get(name, name)
    try:
        return SOURCES[name]
    except KeyError:
        raise NotFound(f"unknown source {name!r}; known: {', '.join(sorted(SOURCES))}") from None
