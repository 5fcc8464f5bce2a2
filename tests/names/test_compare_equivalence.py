"""``compare_names`` returns exactly what it returned before its speed-ups (memoised token pairs,
the run-together comparison skipped where it cannot raise the score, the faster abjad alignment).

The pairs are analysed names the matcher really compared on ``bench/match_speed.py`` queries (one
of each kind: Latin, Cyrillic, Arabic-script against Latin and against Arabic-script, Chinese;
joined, short, common, unpaired, without rarity), stored as ``NameForm.dump`` text with the
rarity of their tokens; the expected scores (as ``float.hex``, bit for bit) and details were
captured from the comparison before it was optimised (two recaptured since: حماد / Ahmad and
رباب / Arab, whose opening vowel Arabic script would write, ``abjad.LEADING_VOWEL_UNWRITTEN``;
two same-script pairs recaptured with ``abjad.same_script_similarity``'s respellings and
consonants: سمیر / سمیرر, a doubled letter, 0.70 → 0.90; محمدی / احمدی, a consonant apart, no
longer paired; three Arabic-script against Latin pairs recaptured when a paired word's specificity
came from its Latin spelling, not the shorter vowelless one: their common-name factor eased,
madw / Madhav 0.72 → 0.73; one recaptured when an Arabic-script word written as two Latin ones
paired them, ``compare._abjad_compound_pairs``: امیرعلی / Aamir Ali 0.270 → 0.274, below any threshold).
"""

from __future__ import annotations

import pytest

from tradewarden.names import abjad, compare
from tradewarden.names.analyze import NameForm

RARITY: dict[str, float] = {
    'aamir': float.fromhex('0x1.c03ad16b2df2ep-1'),
    'abu': float.fromhex('0x1.0000000000000p+0'),
    'administraora': float.fromhex('0x1.0000000000000p+0'),
    'agralyan': float.fromhex('0x1.0000000000000p+0'),
    'agroindustriales': float.fromhex('0x1.e6ed74b6edb12p-1'),
    'ahmad': float.fromhex('0x1.d27540d4fa4e6p-2'),
    'ahmd': float.fromhex('0x1.53715685fa052p-1'),
    'ahmdy': float.fromhex('0x1.f1e13f70f4330p-1'),
    'al': float.fromhex('0x1.c4e851170d803p-1'),
    'aleksandrovich': float.fromhex('0x1.f89c85691cc71p-2'),
    'alekseyev': float.fromhex('0x1.c4e851170d803p-1'),
    'ali': float.fromhex('0x1.986537a09bd05p-2'),
    'amdouni': float.fromhex('0x1.b1020da6325cap-1'),
    'amyrely': float.fromhex('0x1.0000000000000p+0'),
    'arab': float.fromhex('0x1.684f3776add9ap-1'),
    'awa': float.fromhex('0x1.0000000000000p+0'),
    'awr': float.fromhex('0x1.0000000000000p+0'),
    'awzhh': float.fromhex('0x1.0000000000000p+0'),
    'bai': float.fromhex('0x1.ddfa9d1d8cae8p-1'),
    'barakat': float.fromhex('0x1.860becc7600c0p-1'),
    'baraqat': float.fromhex('0x1.0000000000000p+0'),
    'ben': float.fromhex('0x1.0000000000000p+0'),
    'bhynh': float.fromhex('0x1.0000000000000p+0'),
    'bin': float.fromhex('0x1.0000000000000p+0'),
    'borisovna': float.fromhex('0x1.7b191f02a2916p-1'),
    'brhan': float.fromhex('0x1.0000000000000p+0'),
    'bsam': float.fromhex('0x1.f1e13f70f4330p-1'),
    'butler': float.fromhex('0x1.0000000000000p+0'),
    'chaudhry': float.fromhex('0x1.aadd8f5f09890p-1'),
    'chuang': float.fromhex('0x1.bbf5991e9a548p-1'),
    'da': float.fromhex('0x1.c03ad16b2df2ep-1'),
    'darya': float.fromhex('0x1.722744582d0e2p-1'),
    'del': float.fromhex('0x1.33f4ca5d99ed5p-1'),
    'dhary': float.fromhex('0x1.0000000000000p+0'),
    'dian': float.fromhex('0x1.9603cad511942p-1'),
    'du': float.fromhex('0x1.0000000000000p+0'),
    'easm': float.fromhex('0x1.0000000000000p+0'),
    'ebdal': float.fromhex('0x1.2df5d41e799a4p-1'),
    'eighth': float.fromhex('0x1.0000000000000p+0'),
    'emdwny': float.fromhex('0x1.0000000000000p+0'),
    'en': float.fromhex('0x1.7140d2ee288bdp-1'),
    'esly': float.fromhex('0x1.0000000000000p+0'),
    'esmt': float.fromhex('0x1.0000000000000p+0'),
    'ethman': float.fromhex('0x1.d669c0dbd0e44p-1'),
    'ezyzy': float.fromhex('0x1.0000000000000p+0'),
    'fakhr': float.fromhex('0x1.0000000000000p+0'),
    'fath': float.fromhex('0x1.d669c0dbd0e44p-1'),
    'fathi': float.fromhex('0x1.821e84597f21cp-1'),
    'fn': float.fromhex('0x1.0000000000000p+0'),
    'fraz': float.fromhex('0x1.0000000000000p+0'),
    'fthy': float.fromhex('0x1.f1e13f70f4330p-1'),
    'gang': float.fromhex('0x1.60bf974d4d168p-1'),
    'gerald': float.fromhex('0x1.0000000000000p+0'),
    'ghamdy': float.fromhex('0x1.0000000000000p+0'),
    'gong': float.fromhex('0x1.5112ce976de18p-1'),
    'harth': float.fromhex('0x1.0000000000000p+0'),
    'hasan': float.fromhex('0x1.150bf6ee30756p-1'),
    'hmad': float.fromhex('0x1.0000000000000p+0'),
    'hmc': float.fromhex('0x1.0000000000000p+0'),
    'hmshw': float.fromhex('0x1.0000000000000p+0'),
    'hosseyn': float.fromhex('0x1.0000000000000p+0'),
    'hsn': float.fromhex('0x1.588e329591e6cp-1'),
    'hsyn': float.fromhex('0x1.78f6f47984905p-1'),
    'ihsanoglu': float.fromhex('0x1.0000000000000p+0'),
    'inversiones': float.fromhex('0x1.5a330eb0357d2p-1'),
    'ji': float.fromhex('0x1.45379828d96a5p-1'),
    'jin': float.fromhex('0x1.601d939347ccep-1'),
    'kade': float.fromhex('0x1.0000000000000p+0'),
    'ke': float.fromhex('0x1.6f80412a7dbf0p-1'),
    'kemerovo': float.fromhex('0x1.0000000000000p+0'),
    'khan': float.fromhex('0x1.2cd833bef046bp-1'),
    'komarov': float.fromhex('0x1.c4e851170d803p-1'),
    'korean': float.fromhex('0x1.73120517f118bp-1'),
    'krmany': float.fromhex('0x1.0000000000000p+0'),
    'lalemal': float.fromhex('0x1.0000000000000p+0'),
    'lh': float.fromhex('0x1.4df01f33096e2p-1'),
    'li': float.fromhex('0x1.5ac28a9cd0854p-1'),
    'lian': float.fromhex('0x1.c03ad16b2df2ep-1'),
    'llaemal': float.fromhex('0x1.0000000000000p+0'),
    'lmtd': float.fromhex('0x1.0000000000000p+0'),
    'lu': float.fromhex('0x1.a2e3cb996f15ep-1'),
    'luo': float.fromhex('0x1.b807f17432f58p-1'),
    'lwy': float.fromhex('0x1.ddfa9d1d8cae8p-1'),
    'lyudmila': float.fromhex('0x1.860becc7600c0p-1'),
    'madhav': float.fromhex('0x1.0000000000000p+0'),
    'madw': float.fromhex('0x1.f1e13f70f4330p-1'),
    'mahmooud': float.fromhex('0x1.0000000000000p+0'),
    'mehrez': float.fromhex('0x1.c03ad16b2df2ep-1'),
    'mhmd': float.fromhex('0x1.204553b637793p-1'),
    'mhmdy': float.fromhex('0x1.c4e851170d803p-1'),
    'mhmwd': float.fromhex('0x1.9e366b8d4bacep-1'),
    'mhrz': float.fromhex('0x1.0000000000000p+0'),
    'mnyf': float.fromhex('0x1.0000000000000p+0'),
    'mohammad': float.fromhex('0x1.b3eeb3b2da3c1p-2'),
    'moore': float.fromhex('0x1.0000000000000p+0'),
    'morey': float.fromhex('0x1.f1e13f70f4330p-1'),
    'mthny': float.fromhex('0x1.0000000000000p+0'),
    'mtqdmh': float.fromhex('0x1.0000000000000p+0'),
    'mwssh': float.fromhex('0x1.0000000000000p+0'),
    'myra': float.fromhex('0x1.0000000000000p+0'),
    'narusova': float.fromhex('0x1.0000000000000p+0'),
    'ncube': float.fromhex('0x1.f1e13f70f4330p-1'),
    'nfr': float.fromhex('0x1.f1e13f70f4330p-1'),
    'nkhbh': float.fromhex('0x1.0000000000000p+0'),
    'nylwfry': float.fromhex('0x1.0000000000000p+0'),
    'ocrean': float.fromhex('0x1.0000000000000p+0'),
    'oleg': float.fromhex('0x1.0c7ea81ebabc4p-1'),
    'oriente': float.fromhex('0x1.c4e851170d803p-1'),
    'owen': float.fromhex('0x1.0000000000000p+0'),
    'private': float.fromhex('0x1.cfdbfc2fe9050p-1'),
    'prwaz': float.fromhex('0x1.e6ed74b6edb12p-1'),
    'qadhafi': float.fromhex('0x1.620a08e9bd7b9p-1'),
    'qds': float.fromhex('0x1.d669c0dbd0e44p-1'),
    'qdws': float.fromhex('0x1.ddfa9d1d8cae8p-1'),
    'qrjwly': float.fromhex('0x1.0000000000000p+0'),
    'rahmani': float.fromhex('0x1.c03ad16b2df2ep-1'),
    'raht': float.fromhex('0x1.f1e13f70f4330p-1'),
    'rajabpour': float.fromhex('0x1.0000000000000p+0'),
    'rbab': float.fromhex('0x1.0000000000000p+0'),
    'rbany': float.fromhex('0x1.0000000000000p+0'),
    'ren': float.fromhex('0x1.ca141a6b6488ep-1'),
    'rhmany': float.fromhex('0x1.0000000000000p+0'),
    'rjbpwr': float.fromhex('0x1.0000000000000p+0'),
    'roht': float.fromhex('0x1.0000000000000p+0'),
    'rong': float.fromhex('0x1.d669c0dbd0e44p-1'),
    'saen': float.fromhex('0x1.0000000000000p+0'),
    'saif': float.fromhex('0x1.73120517f118bp-1'),
    'san': float.fromhex('0x1.4160abd1bf46cp-1'),
    'sassi': float.fromhex('0x1.e6ed74b6edb12p-1'),
    'sasy': float.fromhex('0x1.0000000000000p+0'),
    'sazh': float.fromhex('0x1.0000000000000p+0'),
    'sdyd': float.fromhex('0x1.0000000000000p+0'),
    'sed': float.fromhex('0x1.c4e851170d803p-1'),
    'seliverstova': float.fromhex('0x1.0000000000000p+0'),
    'sereng': float.fromhex('0x1.0000000000000p+0'),
    'shahin': float.fromhex('0x1.d669c0dbd0e44p-1'),
    'shen': float.fromhex('0x1.860becc7600c0p-1'),
    'sheng': float.fromhex('0x1.add737721aea8p-1'),
    'shfyq': float.fromhex('0x1.ddfa9d1d8cae8p-1'),
    'shi': float.fromhex('0x1.821e84597f21cp-1'),
    'shishani': float.fromhex('0x1.90a80445a8ff1p-1'),
    'shrkh': float.fromhex('0x1.aadd8f5f09890p-1'),
    'shrkt': float.fromhex('0x1.8a50e5d6ca3c3p-1'),
    'shryf': float.fromhex('0x1.f1e13f70f4330p-1'),
    'shu': float.fromhex('0x1.a56832e768b3ep-1'),
    'shwan': float.fromhex('0x1.0000000000000p+0'),
    'si': float.fromhex('0x1.4b66c6d11f6b9p-1'),
    'slman': float.fromhex('0x1.cfdbfc2fe9050p-1'),
    'srng': float.fromhex('0x1.0000000000000p+0'),
    'su': float.fromhex('0x1.47721cc86b725p-1'),
    'syd': float.fromhex('0x1.684f3776add9ap-1'),
    'tehmine': float.fromhex('0x1.0000000000000p+0'),
    'temh': float.fromhex('0x1.0000000000000p+0'),
    'temime': float.fromhex('0x1.0000000000000p+0'),
    'tie': float.fromhex('0x1.f1e13f70f4330p-1'),
    'tjaryh': float.fromhex('0x1.0000000000000p+0'),
    'tong': float.fromhex('0x1.73120517f118bp-1'),
    'tuan': float.fromhex('0x1.aadd8f5f09890p-1'),
    'umar': float.fromhex('0x1.376426801e61dp-1'),
    'viktor': float.fromhex('0x1.143d931bf7987p-1'),
    'viktororvich': float.fromhex('0x1.f1e13f70f4330p-1'),
    'viktororvikh': float.fromhex('0x1.0000000000000p+0'),
    'wen': float.fromhex('0x1.c4e851170d803p-1'),
    'wolf': float.fromhex('0x1.c03ad16b2df2ep-1'),
    'xian': float.fromhex('0x1.40b5f4b04bbd4p-1'),
    'xiang': float.fromhex('0x1.876dc87faef65p-1'),
    'xiu': float.fromhex('0x1.0000000000000p+0'),
    'yafe': float.fromhex('0x1.0000000000000p+0'),
    'yang': float.fromhex('0x1.97f07f5fc8013p-1'),
    'yi': float.fromhex('0x1.75edd4251e375p-1'),
    'ynwn': float.fromhex('0x1.0000000000000p+0'),
    'yong': float.fromhex('0x1.4afdbfa567ecap-1'),
    'you': float.fromhex('0x1.50282d6d23de8p-1'),
    'ysna': float.fromhex('0x1.0000000000000p+0'),
    'yu': float.fromhex('0x1.7e7bae9ebee6cp-1'),
    'ze': float.fromhex('0x1.ca141a6b6488ep-1'),
    'zhen': float.fromhex('0x1.9e366b8d4bacep-1'),
    'zi': float.fromhex('0x1.97f07f5fc8013p-1'),
    'zobnev': float.fromhex('0x1.ddfa9d1d8cae8p-1'),
}
# (query form, listed form, with rarity, score as float.hex, detail)
PAIRS: list[tuple[str, str, bool, str, str]] = [
    ('rajabpour sereng hosseyn|rjbpr srng hsn|1 1 1||0', 'rjbpwr srng hsyn|rjbpr srng hsn|1 1 1||1', True, '0x1.0000000000000p+0', 'hosseyn=hsyn, sereng=srng, rajabpour=rjbpwr'),
    ('mehrez ben mahmooud ben sassi al amdouni|mhrz bn mhmd bn sy l mdny|1 0.25 1 0.25 1 0.25 1||0', 'mhrz bin mhmwd bin sasy al emdwny|mhrz bn mhmd bn sy l mdny|1 0.25 1 0.25 1 0.25 1||1', True, '0x1.f2fc785644425p-1', 'amdouni=emdwny, al=al, mahmooud=mhmwd, mehrez=mhrz, sassi~sasy 0.92, ben~bin 0.92, ben~bin 0.92'),
    ('wen li|n ly|1 1||2', 'ynwn lwy|n ly|1 1||1', True, '0x0.0p+0', '-wen, -li, +ynwn, +lwy; short name x0.75; common name x0.55'),
    ('tehmine agralyan|thmn grln|1 1||0', 'ethman ahmd ethman al ghamdy|tmn hmd tmn l gmdy|1 1 1 0.25 1||1', True, '0x1.45d1745d1745ep-2', 'tehmineagralyan~ethmanahmdethmanghamdy run together 0.32'),
    ('aghajanyan yev zargaryan bby|gjn v zrgrn by|1 1 1 1||0', 'agha jan ealyzy|g jn lzy|1 1 1||1', False, '0x1.c28f5c28f5c28p-2', 'aghajanyanyevzargaryanbby~aghajanealyzy run together 0.44'),
    ('khan moustafa hajji muhammad|kn mstf hjy mhmd|1 1 0.25 1||0', 'mstfy hjy mhmd khan|mstfy hjy mhmd kn|1 1 1 1||1', False, '0x1.f0123456789acp-1', 'muhammad=mhmd, khan=khan, moustafa~mstfy 0.96, hajji~hjy 0.92'),
    ('hmc|hmk|1||0', 'hmshw|hms|1||1', True, '0x0.0p+0', '-hmc, +hmshw; short name x0.81; common name x0.55'),
    ('temime ihsanoglu|tm hsngl|1 1||0', 'bsam temh|bsm tm|1 1||1', True, '0x0.0p+0', '-temime, -ihsanoglu, +bsam, +temh; common name x0.55'),
    ('roht kade|rht kd|1 1|lp|0', 'raht lmtd|rht lmtd|1 1||1', True, '0x1.55f15f15f15f1p-2', 'roht~raht 0.94, -kade, +lmtd; common name x0.85'),
    ('roht kade|rht kd|1 1|lp|0', 'raht lmtd|rht lmtd|1 1||1', False, '0x1.9249249249249p-2', 'roht~raht 0.94, -kade, +lmtd'),
    ('mhmd hsn rhmany|mhmd hsn rhmny|1 1 1||1', 'mohammad hasan rahmani|mhmd hsn rhmny|1 1 1||0', True, '0x1.0000000000000p+0', 'rhmany=rahmani, hsn=hasan, mhmd=mohammad'),
    ('fthy hmad|fty hmd|1 1||1', 'fathi ahmad|fty hmd|1 1||0', True, '0x1.bb9947b47e00cp-1', 'fthy~fathi 0.92, hmad~ahmad 0.81'),
    ('awa ezyzy| zy|1 1||1', 'shen zhen shi bai lian sheng dian zi ke ji you xian gong si|sn zn sy by ln sng dn zy k jy  ksn gng sy|1 1 1 1 1 1 1 1 1 1 1 1 1 1||2', True, '0x0.0p+0', '-awa, -ezyzy, +shen, +zhen, +shi, +bai, +lian, +sheng, +dian, +zi, +ke, +ji, +you, +xian, +gong, +si; common name x0.55'),
    ('prya ezyzy|pr zy|1 1||1', 'beijing powerever electronic technology beijing weiwangda electric technology bei jing wei wang da dian zi ke ji you xian ze ren gong si|bjng prvr lktrnk tknlgy bjng ngd lktrk tknlgy by jng y ng d dn zy k jy  ksn z rn gng sy|1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1|co llc|2', False, '0x0.0p+0', '-prya, -ezyzy, +beijing, +powerever, +electronic, +technology, +beijing, +weiwangda, +electric, +technology, +bei, +jing, +wei, +wang, +da, +dian, +zi, +ke, +ji, +you, +xian, +ze, +ren, +gong, +si'),
    ('amyrely nylwfry|mrly nlfry|1 1||1', 'aamir ali chaudhry|mr ly kdry|1 1 1||0', True, '0x1.18bbd56873345p-2', 'amyrely=aamir+ali, -nylwfry, +chaudhry; common name x0.64'),
    ('ahlam al dawdy|hlm l dy|1 0.25 1||1', 'mohammed salahaldin abd el halim zidane|mhmd slhldn bd l hlm zdn|1 1 1 0.25 1 1||0', False, '0x1.c000000000000p-3', 'ahlamdawdy~mohammedsalahaldinabdhalimzidane run together 0.22'),
    ('shwan yafe|sn f|1 1||1', 'shahin|shn|1|co|0', True, '0x1.ba06d3a06d3a2p-3', 'shwanyafe~shahin run together 0.33; short name x0.93; common name x0.70'),
    ('mkrm eamlh|mkrm ml|1 1||1', 'microem|mkrm|1|jsc|0', False, '0x1.7fa037741b18cp-2', 'mkrmeamlh~microem run together 0.39; short name x0.96'),
    ('khald mshel|kld msl|1 1||1', 'khalid mishaal|kld msl|1 1||0', False, '0x1.0000000000000p+0', 'mshel=mishaal, khald=khalid'),
    ('ahmd kdam|hmd kdm|1 1||1', 'ahmed khadim|hmd kdm|1 1||0', False, '0x1.8750750750750p-1', 'ahmd=ahmed, kdam~khadim 0.53'),
    ('madw|md|1||1', 'madhav|mdv|1||0', True, '0x1.75b1156f8c384p-1', 'madw~madhav 0.86; short name x0.85'),
    ('madw|md|1||1', 'madhav|mdv|1||0', False, '0x1.75b1156f8c384p-1', 'madw~madhav 0.86; short name x0.85'),
    ('ysna krmany|sn krmny|1 1||1', 'saen|sn|1|co|0', True, '0x0.0p+0', '-ysna, -krmany, +saen; short name x0.85; common name x0.55'),
    ('nkhbh|nkb|1||1', 'owen ncube|n nkb|1 1||0', True, '0x1.75f7a1c7dbf07p-2', 'nkhbh~ncube 0.83, +owen; short name x0.89; common name x0.99'),
    ('ysna zarey|sn zry|1 1||1', 'son|sn|1|llc|0', False, '0x0.0p+0', '-ysna, -zarey, +son; short name x0.81'),
    ('sara hwmn|sr hmn|1 1||1', 'hamoun|hmn|1||0', False, '0x1.81a54d880bb40p-2', 'hwmn~hamoun 0.81, -sara; short name x0.93'),
    ('myra al qrjwly|mr l krjly|1 0.25 1||1', 'abu umar al shishani|b mr l sny|0.25 1 0.25 1||0', True, '0x1.6f2a24e1fb463p-5', 'al=al, -myra, -qrjwly, +abu, +umar, +shishani; common name x0.58'),
    ('mnyf al rbab|mnf l rb|1 0.25 1||1', 'qadhafi saif al arab|kdfy sf l rb|1 1 0.25 1||0', True, '0x1.0624dd2f1a9fap-3', 'mnyfrbab~qadhafisaifarab run together 0.20; common name x0.64'),
    ('hbyb al lh agha|hb l l g|1 0.25 1 1||1', 'wehbe bilal mohsen|hb bl mhsn|1 1 1||0', False, '0x0.0p+0', '-hbyb, -al, -lh, -agha, +wehbe, +bilal, +mohsen'),
    ('bazrgany jlaly|bzrgny jly|1 1||1', 'rasoul jalili|rsl jly|1 1||0', False, '0x1.3ffffffffffffp-2', 'jlaly~jalili 0.75, -bazrgany, +rasoul'),
    ('viktor viktororvikh zobnev|vktr vktrvk zbnv|1 1 1||0', 'zobnev viktor viktororvich|zbnv vktr vktrvk|1 1 1||0', True, '0x1.eebf624907cc5p-1', 'zobnev=zobnev, viktor=viktor, viktororvikh~viktororvich 0.92'),
    ('tong yong ji shu ji tuan da lian ji chuang you xian ze ren gong si|tng ng jy s jy tn d ln jy kng  ksn z rn gng sy|1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1||2', 'tong yong ji shu ji tuan da lian ji chuang you xian ze ren gong si|tng ng jy s jy tn d ln jy kng  ksn z rn gng sy|1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1||2', True, '0x1.0000000000000p+0', 'si=si, gong=gong, ren=ren, ze=ze, xian=xian, you=you, chuang=chuang, ji=ji, lian=lian, da=da, tuan=tuan, ji=ji, shu=shu, ji=ji, yong=yong, tong=tong'),
    ('shen zhen shi yi luo dian zi you xian gong si|sn zn sy y l dn zy  ksn gng sy|1 1 1 1 1 1 1 1 1 1 1||2', 'shen zhen shi bai lian sheng dian zi ke ji you xian gong si|sn zn sy by ln sng dn zy k jy  ksn gng sy|1 1 1 1 1 1 1 1 1 1 1 1 1 1||2', True, '0x1.134dd7c0be731p-1', 'si=si, gong=gong, xian=xian, you=you, zi=zi, dian=dian, shi=shi, zhen=zhen, shen=shen, -yi, -luo, +bai, +lian, +sheng, +ke, +ji'),
    ('dong guan sheng yin shu kong she bei you xian gong si|dng gn sng n s kng s by  ksn gng sy|1 1 1 1 1 1 1 1 1 1 1 1||2', 'guang zhou shu kong she bei you xian gong si|gng z s kng s by  ksn gng sy|1 1 1 1 1 1 1 1 1 1||2', False, '0x1.2492492492492p-1', 'si=si, gong=gong, xian=xian, you=you, bei=bei, she=she, kong=kong, shu=shu, -dong, -guan, -sheng, -yin, +guang, +zhou'),
    ('lu xiu rong|l ks rng|1 1 1||2', 'du yu rong|d  rng|0.25 1 1||0', True, '0x1.b4f5aa42f5546p-3', 'rong=rong, -lu, -xiu, +du, +yu; short name x0.90; common name x0.96'),
    ('wang li juan|ng ly jn|1 1 1||2', 'wang tianmin|ng tnmn|1 1||0', False, '0x1.ccccccccccccdp-3', 'wang=wang, -li, -juan, +tianmin; short name x0.90'),
    ('ai ma xin ke ji you xian gong si|y m ksn k jy  ksn gng sy|1 1 1 1 1 1 1 1 1||2', 'ai ma xin ke ji you xian gong si|y m ksn k jy  ksn gng sy|1 1 1 1 1 1 1 1 1||2', False, '0x1.0000000000000p+0', 'si=si, gong=gong, xian=xian, you=you, ji=ji, ke=ke, xin=xin, ma=ma, ai=ai'),
    ('jin tie san|jn t sn|1 1 1||2', 'jin tie san|jn t sn|1 1 1||2', True, '0x1.ccccccccccccdp-1', 'san=san, tie=tie, jin=jin; short name x0.90'),
    ('chen cheng|kn kng|1 1||2', 'chen cheng|kn kng|1 1||0', False, '0x1.8000000000000p-1', 'cheng=cheng, chen=chen; short name x0.75'),
    ('yang wen|ng n|1 1||2', 'su yang|s ng|1 1||0', True, '0x1.df146934d63d8p-3', 'yang=yang, -wen, +su; short name x0.75; common name x0.91'),
    ('chen liu|kn l|1 1||2', 'liu cihui|l khy|1 1||0', False, '0x1.0000000000000p-2', 'liu=liu, -chen, +cihui; short name x0.75'),
    ('da shi en ke ji you xian gong si|d sy n k jy  ksn gng sy|1 1 1 1 1 1 1 1 1||2', 'da shi en xiang gang ke ji you xian gong si|d sy n ksng gng k jy  ksn gng sy|1 1 1 1 1 1 1 1 1 1 1||2', True, '0x1.9fecc2163bdc3p-1', 'si=si, gong=gong, xian=xian, you=you, ji=ji, ke=ke, en=en, shi=shi, da=da, +xiang, +gang'),
    ('qi bei ling tong wu hu gong ying lian guan li you xian gong si|ky by lng tng  h gng ng ln gn ly  ksn gng sy|1 1 1 1 1 1 1 1 1 1 1 1 1 1 1||2', 'fu rui da hei long jiang gong ying lian guan li you xian gong si|f ry d hy lng jng gng ng ln gn ly  ksn gng sy|1 1 1 1 1 1 1 1 1 1 1 1 1 1 1||2', False, '0x1.b6db6db6db6dbp-2', 'si=si, gong=gong, xian=xian, you=you, li=li, guan=guan, lian=lian, ying=ying, gong=gong, -qi, -bei, -ling, -tong, -wu, -hu, +fu, +rui, +da, +hei, +long, +jiang'),
    ('lyudmila seliverstova|ldml slvrstv|1 1||0', 'narusova lyudmila borisovna|nrsv ldml brsvn|1 1 1||0', True, '0x1.70a3d70a3d70ap-2', 'lyudmilaseliverstova~narusovalyudmilaborisovna run together 0.36'),
    ('seven san|svn sn|1 1||0', 'son mun san|sn mn sn|1 1 1||0', False, '0x1.1c71c71c71c72p-1', 'sevensan~sonmunsan run together 0.56'),
    ('eighth ocrean|gt krn|1 1|lp|0', 'korean|krn|1||0', True, '0x1.59c81e08924c0p-2', 'eighthocrean~korean run together 0.42; short name x0.93; common name x0.88'),
    ('amy baxter|my bkstr|1 1||0', 'baxter|bkstr|1||0', False, '0x1.3bbbbbbbbbbbdp-1', 'amybaxter~baxter run together 0.67; short name x0.93'),
    ('aleksandr pavlovich teterdinko|lksndr pvlvk trdnk|1 1 1||0', 'aleksandr pavlovich teterdinko|lksndr pvlvk trdnk|1 1 1||0', False, '0x1.0000000000000p+0', 'teterdinko=teterdinko, pavlovich=pavlovich, aleksandr=aleksandr'),
    ('dmitri vladimirovich shmelev|dmtry vldmrvk smlv|1 1 1||0', 'shmelev dmitry vladimirovich|smlv dmtry vldmrvk|1 1 1||0', False, '0x1.0000000000000p+0', 'shmelev=shmelev, vladimirovich=vladimirovich, dmitri=dmitry'),
    ('oleg aleksandrovich alekseyev|lg lksndrvk lksv|1 1 1||0', 'oleg aleksandrovich alekseyev|lg lksndrvk lksv|1 1 1||0', True, '0x1.0000000000000p+0', 'alekseyev=alekseyev, aleksandrovich=aleksandrovich, oleg=oleg'),
    ('mthny harth slman al dhary|mtny hrt slmn l dry|1 1 1 0.25 1||1', 'mthny harth slman al dhary|mtny hrt slmn l dry|1 1 1 0.25 1||1', True, '0x1.0000000000000p+0', 'dhary=dhary, al=al, slman=slman, harth=harth, mthny=mthny'),
    ('shrkh al fakhr lalemal al mtqdmh|srk l fkr lml l mtkdm|1 0.25 1 1 0.25 1|llc|1', 'shrkh al fakhr llaemal al mtqdmh|srk l fkr lml l mtkdm|1 0.25 1 1 0.25 1|llc|1', True, '0x1.e9c35422d858dp-1', 'mtqdmh=mtqdmh, al=al, fakhr=fakhr, al=al, shrkh=shrkh, lalemal~llaemal 0.81'),
    ('shrkt rbany|srkt rbny|1 1||1', 'sdyd sazh prwaz shryf darya fn awr brhan shryf shrkt sed sazh fraz shryf|sd sz prz srf dr fn r brhn srf srkt sd sz frz srf|1 1 1 1 1 1 1 1 1 1 1 1 1 1||1', True, '0x1.d1dd382db7cc0p-4', 'shrktrbany~sdydsazhprwazshryfdaryafnawrbrhanshryfshrktsedsazhfrazshryf run together 0.14; common name x0.84'),
    ('shrkh ebdh lltjarh|srk bd ltjr|1 1 1||1', 'shrkt bnyan dansh shrq|srkt bn dns srk|1 1 1 1||1', False, '0x1.435e50d79435ep-2', 'shrkhebdhlltjarh~shrktbnyandanshshrq run together 0.32'),
    ('yasr sbeawy abrahym hsn al tkryty|sr sby brhm hsn l tkrty|1 1 1 1 0.25 1||1', 'yasr sbeawy abrahym hsn al tkryty|sr sby brhm hsn l tkrty|1 1 1 1 0.25 1||1', False, '0x1.0000000000000p+0', 'tkryty=tkryty, al=al, hsn=hsn, abrahym=abrahym, sbeawy=sbeawy, yasr=yasr'),
    ('smyr hsn|smr hsn|1 1||1', 'smyrr hsan|smr hsn|1 1||1', False, '0x1.8000000000000p-1', 'smyr~smyrr 0.90, hsn~hsan 0.60'),
    ('qds|kds|1||1', 'qds|kds|1||1', True, '0x1.90cb77505ec6bp-1', 'qds=qds; short name x0.81; common name x0.96'),
    ('krbla|krbl|1||1', 'krbla|krbl|1||1', False, '0x1.c666666666666p-1', 'krbla=krbla; short name x0.89'),
    ('madw|md|1||1', 'shrkt awzhh prwaz madw nfr madw|srkt z prz md nfr md|1 1 1 1 1 1||1', True, '0x1.287f51c62556dp-3', 'madw=madw, +shrkt, +awzhh, +prwaz, +madw, +nfr; short name x0.85; common name x0.99'),
    ('qds|kds|1||1', 'syd esmt al lh easm ebdal qdws|sd smt l l sm bdl kds|1 1 0.25 1 1 1 1||1', True, '0x1.601fe97e0473bp-4', 'qds~qdws 0.60, +syd, +esmt, +al, +lh, +easm, +ebdal; short name x0.81; common name x0.96'),
    ('shyl|sl|1||1', 'shyl slman al hsn|sl slmn l hsn|1 1 0.25 1||1', False, '0x1.0bd0bd0bd0bd1p-2', 'shyl=shyl, +slman, +al, +hsn; short name x0.85'),
    ('qds|kds|1||1', 'ebdal qdws mzhry|bdl kds mzry|1 1 1||1', False, '0x1.4ccccccccccccp-3', 'qds~qdws 0.60, +ebdal, +mzhry; short name x0.81'),
    ('mwssh al esly al tjaryh|ms l sly l tjr|1 0.25 1 0.25 1||1', 'mwssh bhynh al tjaryh|ms bhn l tjr|1 1 0.25 1||1', True, '0x1.6db6db6db6db7p-1', 'tjaryh=tjaryh, al=al, mwssh=mwssh, -al, -esly, +bhynh'),
    ('mhmd shfyq mhmdy|mhmd sfk mhmdy|1 1 1||1', 'mhmd shfyq al lh ahmdy fath khan|mhmd sfk l l hmdy ft kn|1 1 0.25 1 1 1 1||1', True, '0x1.1555555555556p-1', 'mhmdshfyqmhmdy~mhmdshfyqlhahmdyfathkhan run together 0.54'),
    ('shrkh ywns yshkr wshrkah|srk ns skr srk|1 1 1 1||1', 'shrkh al fakhr llaemal al mtqdmh|srk l fkr lml l mtkdm|1 0.25 1 1 0.25 1|llc|1', False, '0x1.7b425ed097b42p-3', 'shrkh=shrkh, -ywns, -yshkr, -wshrkah, +al, +fakhr, +llaemal, +al, +mtqdmh'),
    ('dhya mrad|d mrd|1 1||1', 'ely dhwa|ly d|1 1||1', False, '0x1.0000000000000p-2', 'dhya~dhwa 0.60, -mrad, +ely'),
    ('private|prvt|1||0', 'private|prvt|1||0', True, '0x1.d7f2f6074fa58p-1', 'private=private; short name x0.96; common name x0.96'),
    ('komarov|kmrv|1|jsc|0', 'kemerovo|kmrv|1||0', True, '0x0.0p+0', '-komarov, +kemerovo; short name x0.96; common name x0.55'),
    ('bina|bn|1|co group liability limityed|0', 'bina|bn|1|grupp|0', False, '0x1.b333333333333p-1', 'bina=bina; short name x0.85'),
    ('implse|mpls|1|llc|0', 'impulse|mpls|1|llc|0', False, '0x1.aa3d70a3d70a4p-1', 'implse~impulse 0.90; short name x0.93'),
    ('wolf butler|lf btlr|1 1|llc|0', 'wolf|lf|1||0', True, '0x1.7f8689b83628dp-2', 'wolf=wolf, -butler; short name x0.85; common name x0.94'),
    ('moore|mr|1|llc|0', 'gerald morey|grld mry|1 1||0', True, '0x1.0d41a7ae9e5b3p-2', 'moore~morey 0.60, +gerald; short name x0.89; common name x0.99'),
    ('cetin|ktn|1|llc|0', 'auction|ktn|1|llc|0', False, '0x0.0p+0', '-cetin, +auction; short name x0.89'),
    ('ertas|rts|1|llc|0', 'los zetas|ls zts|1 1||0', False, '0x1.10a3d70a3d70ap-2', 'ertas~zetas 0.60, +los; short name x0.89'),
    ('administraora del oriente|dmnstr dl rnt|1 1 1||0', 'inversiones agroindustriales del oriente|nvrsns grndstrls dl rnt|1 1 1 1|llc|0', True, '0x1.2be9e63b9f11ep-1', 'oriente=oriente, del=del, -administraora, +inversiones, +agroindustriales'),
    ('ali baraqat|ly brkt|1 1||0', 'barakat ali barakat|brkt ly brkt|1 1 1||0', True, '0x1.c4d08499dcba8p-1', 'baraqat=barakat, ali=ali, +barakat'),
    ('mibskii automobile plant|mbsky tmbl plnt|1 1 1||0', 'bryanskiy automobile plant|brnsky tmbl plnt|1 1 1|jsc|0', False, '0x1.6db6db6db6db7p-1', 'plant=plant, automobile=automobile, -mibskii, +bryanskiy'),
    ('yhaia khaled abed|h kld bd|1 1 1||0', 'yehia khaled said|h kld sd|1 1 1||0', False, '0x1.4000000000000p-1', 'khaled=khaled, yhaia~yehia 0.75, -abed, +said'),
]


def _clear_caches() -> None:
    for module in (abjad, compare):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


@pytest.mark.parametrize("cold", [True, False])
def test_compare_names_unchanged(cold: bool) -> None:
    if cold:
        _clear_caches()
    for query_text, listed_text, with_rarity, score_hex, detail in PAIRS:
        query, listed = NameForm.parse(query_text), NameForm.parse(listed_text)
        result = compare.compare_names(query, listed, RARITY.__getitem__ if with_rarity else None)
        assert (result.score.hex(), result.detail) == (score_hex, detail), (query_text, listed_text)


def test_pairs_cover_every_kind() -> None:
    forms = [(NameForm.parse(q), NameForm.parse(c), detail) for q, c, _, _, detail in PAIRS]
    assert any(q.abjad and not c.abjad for q, c, _ in forms)
    assert any(c.abjad and not q.abjad for q, c, _ in forms)
    assert any(q.abjad and c.abjad for q, c, _ in forms)
    assert any(q.han or c.han for q, c, _ in forms)
    assert any("run together" in detail for _, _, detail in forms)
    assert not all(with_rarity for _, _, with_rarity, _, _ in PAIRS)


@pytest.mark.parametrize("floor", [0.3, 0.5, 0.64, 0.8, 0.95])
def test_compare_names_floor_only_hides_scores_below_it(floor: float) -> None:
    # Above the caller's floor the comparison is the exact one, score and detail; at or below
    # it, any score at or below it.
    hidden = 0
    for query_text, listed_text, with_rarity, _, _ in PAIRS:
        query, listed = NameForm.parse(query_text), NameForm.parse(listed_text)
        rarity = RARITY.__getitem__ if with_rarity else None
        exact = compare.compare_names(query, listed, rarity)
        floored = compare.compare_names(query, listed, rarity, floor)
        if exact.score > floor:
            assert floored == exact, (query_text, listed_text)
        else:
            assert floored.score <= floor, (query_text, listed_text)
            hidden += floored != exact
    if floor == 0.64:
        assert hidden  # the floor does cut some alignments short on these pairs


def test_detail_is_written_only_above_the_floor() -> None:
    # Two other names (one shared given name): far below a screen's floor, no detail is written;
    # with a floor under their score, or none, the detail names the pairs as before.
    query, listed = NameForm.parse("ivan petrov|vn ptrv|1 1||0"), NameForm.parse("ivan smirnov|vn smrnv|1 1||0")
    exact = compare.compare_names(query, listed)
    assert exact.detail == "ivan=ivan, -petrov, +smirnov" and 0.0 < exact.score < 0.64
    assert compare.compare_names(query, listed, None, 0.64) == compare.NameComparison(exact.score, compare.BELOW_FLOOR)
    assert compare.compare_names(query, listed, None, exact.score / 2) == exact
    assert compare.compare_names(query, listed, None, 0.0) == exact
    nothing = NameForm.parse("ivan|vn|1||0"), NameForm.parse("olga|lg|1||0")
    assert compare.compare_names(*nothing, None, 0.0).detail == "-ivan, +olga; short name x0.85"


def test_joined_floor_only_hides_scores_below_it() -> None:
    query, listed = NameForm.parse("ebdal rhmn|bdl rhmn|1 1||1"), NameForm.parse("abdulrahman|bdlrhmn|1||0")
    full = compare._joined(query, listed)
    assert full > 0.8
    assert compare._joined(query, listed, floor=0.5) == full
    assert compare._joined(query, listed, floor=0.95) <= 0.95


@pytest.mark.parametrize(
    ("abjad_tokens", "latin_tokens"),
    [
        (("ebdal", "rhmn"), ("abdulrahman",)),
        (("mhmd", "ebdal", "lh"), ("mohammed", "abdullah")),
        (("ely", "khamnhay"), ("ali", "khamenei")),
        (("hamd",), ("ahmad", "hassan")),
        (("shms", "al", "dyn"), ("shamsuddin",)),
    ],
)
def test_above_variants_exact_above_their_floor(abjad_tokens: tuple[str, ...], latin_tokens: tuple[str, ...]) -> None:
    exact = abjad.joined_similarity(abjad_tokens, latin_tokens)
    for floor in (0.0, 0.3, 0.5, 0.7, 0.9, exact, 0.999):
        value = abjad.joined_similarity_above(abjad_tokens, latin_tokens, floor)
        assert value == exact if exact > floor else value <= floor
    for a in abjad_tokens:
        for latin in latin_tokens:
            exact = abjad.cross_similarity(a, latin)
            for floor in (0.0, 0.3, 0.5, 0.7, 0.9, exact):
                value = abjad.cross_similarity_above(a, latin, floor)
                assert value == exact if exact > floor else value <= floor


def test_derived_fields_survive_dump_parse_and_pickle() -> None:
    import pickle

    from tradewarden.names.analyze import analyze_name

    form = analyze_name("Abu Bakr al-Baghdadi", True)
    for copy in (NameForm.parse(form.dump()), pickle.loads(pickle.dumps(form))):
        assert copy == form and hash(copy) == hash(form)
        assert (copy.joined, copy.run_together, copy.significant, copy.spoken_words, copy.indexed_tokens) == (
            form.joined, form.run_together, form.significant, form.spoken_words, form.indexed_tokens
        )
    # Particles (abu, al) count neither as significant nor as spoken words.
    assert (form.joined, form.run_together, form.significant, form.spoken_words) == ("bakrbaghdadi", "bakrbaghdadi", 2, 2)
