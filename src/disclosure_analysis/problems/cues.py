"""The phrases that structure section 五: enumerators, headings, lead-ins, bridges and problem predicates."""

from __future__ import annotations

import re

CN = "一二三四五六七八九十"

# enumerators; `ord` (一是…) may also follow a comma, the others start a sentence or a line
MARKER = re.compile(
    rf"(?P<head>[（(][{CN}]{{1,3}}[）)]|[{CN}]{{1,3}}、)"
    rf"|(?P<ord>[{CN}]{{1,3}}是(?![的为否])|(?:第[{CN}]{{1,3}}|其[{CN}]{{1,3}}|首先|其次|再次)(?=[，,、：:]))"
    r"|(?P<num>[（(]\d{1,2}[）)]|\d{1,2}[.．、](?!\d)|[①-⑳])"
)
SENTENCE_START = frozenset("。；;：:！？!?")
CLAUSE_START = frozenset("，,")

# headings of the sub-parts of 五 (matched against the label with blanks removed)
_YEAR = r"(?:\d{4}年度?|本年度?|今年)"
SECTION_HEAD = re.compile(r"问题(?:及|和|与)(?:其)?(?:改进|整改)(?:情况|措施)$")
PROBLEM_HEAD = re.compile(
    rf"^{_YEAR}?(?:政府信息公开|政务公开)?(?:工作)?(?:中)?(?:存在|面临)?的?(?:主要|突出)?"
    r"(?:问题|不足|短板|困难)(?:和不足|及不足|与不足)?$"
)
MEASURE_HEAD = re.compile(
    r"^(?:\d{4}年度?|下一?年度?|下一步|今后)?(?:针对(?:上述|存在的?)?问题的?|存在问题的?)?(?:工作)?的?"
    r"(?:改进|整改|工作|主要)?(?:措施|情况|打算|计划|举措|方向|思路|安排)$"
)
# 上年度问题整改情况 / 2024年工作中存在问题的改进情况 (the year is checked against the report's year)
RECT_HEAD = re.compile(
    r"^(?:关于)?(?:(?P<past>上一?年度?|去年|前一?年度?)|(?P<year>\d{4})年度?)(?:工作中?|报告中?|年报中?)?"
    r"(?:所?(?:提出|指出|发现|反映)的?)?(?:存在的?)?(?:主要)?问题的?(?:整改|改进)(?:落实)?(?:情况|措施)?$"
)
# the same, inside a sentence: 针对2024年工作中存在的主要问题 / 上年度报告指出的问题已整改
RECT_CUE = re.compile(
    r"(?:(?P<past>上一?年度?|去年|前一?年度?)|(?P<year>\d{4})\s*年度?)[^。；;]{0,20}问题"
    r"(?:[^。；;]{0,30}(?:整改|改进|落实|解决)|(?=[^。；;]{0,4}[，,]))"
)
RECT_TOPIC = re.compile(r"针对|整改|改进|落实|解决|已|完成|(?:^|[，,])对[^。；;]{0,6}(?:上一?年度?|去年)")
# what was done (完成12个乡镇目录的调整) and what is promised (将…)
DONE = re.compile(r"完成|已|实现|建立了|制定了|出台了|缩短|全年|累计|截至")
PROMISED = re.compile(r"将|拟|计划|下一步|今后|力争")
# what a general admission may follow without naming a shortcoming (与…相比 / 对照…要求 / 取得…但)
CONTRAST = re.compile(r"相比|对照|取得|虽|但|期待|期盼|要求|形势")
THIS_YEAR = re.compile(r"本年度?|今年|当年")

MEASURE_CUE = re.compile(
    r"针对[^。；;]{0,30}(?:问题|不足|短板)|下一步|今后|下一?年度?|为此|对此"
    r"|(?:改进|整改)(?:措施|举措|方向)|工作(?:打算|计划|思路)"
    r"|\d{4}\s*年度?[，,]?\s*(?:我们|我局|我办|我委|我县|我区|我市|我省|本单位|本机关)?将"
    r"|(?:将|拟)(?:进一步|继续|着力|重点|切实|加强|加大|不断|持续|积极|认真|严格|全面|深入|努力|从以下|做好|抓好|采取|围绕)"
    r"|(?:如下|以下)(?:几个方面|几点|方面|工作|措施|改进措施)|(?:如下|以下)[一二两三四五六七八九十\d]{1,2}个?(?:方面|点|项)"
    r"|^(?:因此|为此|对此)[，,]"
)
PROBLEM_LEAD = re.compile(r"存在(?:着)?[^。；;，,]{0,8}(?:问题|不足|短板|差距|薄弱环节)|主要(?:表现|体现)(?:在|为)|主要是$")
# a lead-in that admits problems in general: …仍存在一定差距 / 还存在一些问题和不足，主要表现在
_SHORT = r"(?:问题|不足|差距|短板|薄弱环节|困难|短处|弱项)"
GENERIC_ADMISSION = re.compile(
    rf"(?:存在|有)着?(?:一定|一些|不少|以下|如下|诸多|许多|部分)?的?{_SHORT}(?:(?:和|与|及|、){_SHORT})?"
    r"(?:[，,]?(?:主要|具体)?(?:表现|体现)(?:在|为)|[，,]?主要是|[，,]?如)?$"
    r"|还?有(?:一些|不少|部分)[^。；;]{0,16}(?:地方|方面|环节)$"
)
FRAME_LIST = re.compile(r"(?:如下|以下)(?:[一二两三四五六七八九十\d]{1,2}个?)?(?:几个方面|几点|方面|点|项|工作|措施|改进措施)?")
# leading clauses that only connect a statement to the text before it
LEAD_CLAUSE = re.compile(
    r"(?:主要(?:是|有|(?:表现|体现)(?:在|为))[：:]?|针对[^。；;，,]{0,30}(?:问题|不足|短板)[，,]?|(?:下一步|今后|为此|对此|同时|此外|另外|\d{4}\s*年度?)[，,]"
    r"|如(?=[^期何果此今]))"
)
# a clause that states a shortcoming
PREDICATE = re.compile(
    r"有待|不足|不够|不强|不高|不深|不广|不全|不细|不实|不到位|不及时|不规范|不完善|不健全|不平衡|不充分|不统一|不明确"
    r"|不精准|不便|欠缺|缺乏|缺少|尚需|还需|仍需|亟需|亟待|较弱|薄弱|滞后|单一|偏少|较少|偏低|较低|不多|差距|短板|难以"
    r"|分散|松懈|缓慢|较慢|偏弱|不畅|有限|困难|较大|参差不齐|频繁|过快|欠佳|不明显|不突出|不稳定|不熟|多为|不严|超过|超出|未及时|未按"
    r"|尚未|未能|未(?:常态化|形成|建立|实现|全面|完全|有效|充分)|有所欠缺|不准确|不精确|不便捷|不便利|不同源|不一致|不清晰"
    r"|不完整|不均衡|不系统|不具体|不理想|不顺畅|不紧密|不直观|不深入|不扎实|流于形式|偏慢|过慢|较差|脱节|缺位|缺失|错漏"
    r"|不匹配|不对应|形式化|碎片化|同质化|(?:更新|回复|办理|答复|发布)慢|待(?:进一步)?(?:提高|提升|加强|完善|改进|规范|优化|深化|加大)"
    r"|需(?:要)?(?:进一步|一步|不断)?(?:加强|提升|提高|加快|完善|改进|增强|优化|巩固|规范|拓展|丰富|加大|改善|拓宽|深化)"
    r"|存在[^。；;，,]{0,20}(?:问题|现象|情况)"
)
# an item that opens with a verb of doing is a promise, unless it also states a shortcoming
# a sentence that frames the list rather than stating a point of it
FRAME_OPEN = re.compile(r"^(?:总体来看|总的来看|总体而言|总体上看|总的来说|从总体上看)")
FRAME_GOAL = re.compile(r"再上新台阶|迈上新台阶|新局面|问题导向|目标导向|结果导向|精准施策|靶向发力")
ACHIEVEMENT = re.compile(r"取得了?(?:一定|较好|明显|积极|初步|显著|良好)?的?(?:新)?(?:成效|成绩|进展|成果)")
# the tail of a lead-in that announces the list ("…仍存在一些不足，主要是")
LEAD_TAIL = re.compile(r"[，,]?(?:主要|具体)?(?:是|表现在|体现在|表现为|体现为|有|如)$")
FIRST = re.compile(r"[一1①]|首先|第一|其一")

MEASURE_VERB = re.compile(
    r"^(?:[（(]?[^，,。]{0,4}?[）)、是.．]\s*)?(?:要|将|继续|持续|进一步|不断|着力|切实|全面|积极)?"
    r"(?:加强|加大|强化|完善|健全|建立|推进|推动|提升|提高|丰富|拓展|拓宽|优化|深化|严格|规范|落实|做好|坚持|开展"
    r"|组织|定期|增加|扩大|探索|创新|夯实|抓好|压实|配齐|畅通|用好|聚焦|围绕|打造|认真|扎实|深入|着力|注重|确保|做到"
    r"|实行|实施|制定|编制|出台|印发|修订|更新|梳理|整合|清理|升级|改版|开设|设立|开通|推广|引入|引进|召开|举办|学习|贯彻)"
    r"(?![性化度])"  # 规范性文件, 规范化 are nouns
)
