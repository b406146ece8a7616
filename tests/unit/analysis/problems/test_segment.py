"""Segmentation of section 五 into problem / measure / rectification / framing statements, one test per layout."""

from __future__ import annotations

from disclosure_analysis.analysis.problems.segment import segment

SEED = (
    "目前，县科技局政府信息公开工作中存在着一些问题，主要表现在：主动公开力度还需进一步增强，信息更新速度需要进一步加快。"
    "针对存在的问题，我们在下一步工作中努力做好以下几点：一是加强组织领导监督，强化对信息公开工作的督促检查，"
    "进一步规范工作流程，确保信息公开的质量和效率。二是加大工作创新力度，不断拓宽政府信息公开渠道，"
    "努力探索政府信息公开的新途径，开展多种形式的信息公开方式，方便群众、服务群众。"
)


def kinds_and_texts(text: str, year: int | None = None) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in segment(text, year)]


def test_seed_splits_into_two_problems_and_two_measures():
    got = segment(SEED, 2019)
    assert [(s.kind, s.text) for s in got[:4]] == [
        ("framing", "目前，县科技局政府信息公开工作中存在着一些问题"),
        ("problem", "主动公开力度还需进一步增强"),
        ("problem", "信息更新速度需要进一步加快"),
        ("framing", "针对存在的问题，我们在下一步工作中努力做好以下几点"),
    ]
    assert [s.kind for s in got[4:]] == ["measure", "measure"]
    assert got[4].text.startswith("一是加强组织领导监督") and got[4].text.endswith("确保信息公开的质量和效率")
    assert got[5].text.startswith("二是加大工作创新力度") and got[5].text.endswith("方便群众、服务群众")


def test_offsets_point_into_the_original_text():
    for s in segment(SEED):
        assert SEED[s.start : s.end] == s.text


def test_offsets_survive_line_wraps_and_page_footers():
    text = "存在的问题主要是：政务新媒体运维管理还需\n- 4 -\n加强，答复文书规范性有待提升。"
    got = segment(text)
    assert [s.text for s in got] == ["政务新媒体运维管理还需加强", "答复文书规范性有待提升"]
    first = got[0]
    assert text[first.start : first.end] == "政务新媒体运维管理还需\n- 4 -\n加强"


def test_headed_blocks_problems_then_measures():
    text = (
        "（一）存在的主要问题。各科室人员信息公开意识不强；政民互动栏目网民留言回复效率有待提高。\n"
        "（二）整改措施。一是完善主动公开信息联动机制。二是进一步加强平台建设，丰富新媒体公开形式。"
    )
    assert kinds_and_texts(text) == [
        ("problem", "各科室人员信息公开意识不强"),
        ("problem", "政民互动栏目网民留言回复效率有待提高"),
        ("measure", "一是完善主动公开信息联动机制"),
        ("measure", "二是进一步加强平台建设，丰富新媒体公开形式"),
    ]


def test_heading_lines_without_punctuation():
    text = "（一）存在问题\n政策解读形式单一，解读材料质量不高。\n（二）改进措施\n丰富解读形式，推出图解和视频解读。"
    assert kinds_and_texts(text) == [
        ("problem", "政策解读形式单一"),
        ("problem", "解读材料质量不高"),
        ("measure", "丰富解读形式，推出图解和视频解读"),
    ]


def test_rectification_block_then_problems_without_section_heading():
    text = (
        "（一）2024 年工作中存在问题的改进情况\n针对 2024 年工作中存在的主要问题，重点采取如下改进措\n施。\n"
        "一是进一步提升政策公开质效。加大政策文件集成发布力度。\n二是提高依申请公开办理质量。\n"
        "（二）2025 年工作中存在的主要问题\n总体来看，我市政务公开工作仍需进一步提升：一是政策信息分散于多个平台，"
        "获取政策仍不够便利；二是门户网站的用户体验有待进一步改善。"
    )
    got = kinds_and_texts(text, 2025)
    assert [k for k, _ in got] == ["framing", "rectification", "rectification", "framing", "problem", "problem"]
    assert got[0][1] == "针对 2024 年工作中存在的主要问题，重点采取如下改进措施"
    assert got[1][1] == "一是进一步提升政策公开质效。加大政策文件集成发布力度"
    assert got[3][1] == "总体来看，我市政务公开工作仍需进一步提升"
    assert got[5][1] == "二是门户网站的用户体验有待进一步改善"


def test_rectification_heading_run_into_the_next_line():
    text = "（一）2024年工作中存在问题的改进情况针对2024年的问题，采取如下措施。一是加强政策解读。"
    assert kinds_and_texts(text, 2025) == [
        ("framing", "针对2024年的问题，采取如下措施"),
        ("rectification", "一是加强政策解读"),
    ]


def test_previous_year_rectification_heading():
    text = (
        "（一）上年度问题整改情况。针对上年度网站栏目更新不及时的问题，已关停合并栏目6个。\n"
        "（二）存在的主要问题。依申请公开答复文书不够规范。\n（三）改进措施。统一答复文书格式。"
    )
    assert kinds_and_texts(text) == [
        ("rectification", "针对上年度网站栏目更新不及时的问题，已关停合并栏目6个"),
        ("problem", "依申请公开答复文书不够规范"),
        ("measure", "统一答复文书格式"),
    ]


def test_enumerated_problems_and_measures():
    text = (
        "2025 年，我县政府信息公开工作取得一定成效，但仍存在短板：一是政策解读多样性需进一步加强。"
        "二是依申请办件质量需进一步提升。\n针对上述问题，我县将重点做好以下工作：\n"
        "一是增加解读的形式。\n二是开展考核管理，定期开展业务检查。"
    )
    assert kinds_and_texts(text, 2025) == [
        ("framing", "2025 年，我县政府信息公开工作取得一定成效，但仍存在短板"),
        ("problem", "一是政策解读多样性需进一步加强"),
        ("problem", "二是依申请办件质量需进一步提升"),
        ("framing", "针对上述问题，我县将重点做好以下工作"),
        ("measure", "一是增加解读的形式"),
        ("measure", "二是开展考核管理，定期开展业务检查"),
    ]


def test_numbered_lists():
    text = (
        "存在的问题：\n1.信息公开专栏部分栏目内容更新不及时；\n2.工作人员多为兼职。\n"
        "改进措施：\n1.建立栏目更新提醒机制；\n2.加强业务培训。"
    )
    assert [k for k, _ in kinds_and_texts(text)] == ["problem", "problem", "measure", "measure"]
    assert kinds_and_texts(text)[1] == ("problem", "2.工作人员多为兼职")


def test_single_paragraph_with_list_of_shortcomings():
    text = (
        "2023 年，洪泽区政府信息公开工作取得一定的成效，但对照上级要求，仍存在一定差距。"
        "如依申请公开工作规范性还有待提高、政务公开内容的深度和广度还有待提升、政务公开队伍建设有待加强等。"
        "下一步，我区将进一步规范依申请公开办理流程，加强业务培训。"
    )
    assert kinds_and_texts(text) == [
        ("framing", "2023 年，洪泽区政府信息公开工作取得一定的成效，但对照上级要求，仍存在一定差距"),
        ("problem", "依申请公开工作规范性还有待提高"),
        ("problem", "政务公开内容的深度和广度还有待提升"),
        ("problem", "政务公开队伍建设有待加强"),
        ("measure", "我区将进一步规范依申请公开办理流程，加强业务培训"),
    ]


def test_problem_and_measure_paired_in_each_item():
    text = "一是政策解读形式单一。针对该问题，我局将推出图解和视频解读。二是信息公开队伍不够稳定。下一步将配齐专职人员。"
    assert [k for k, _ in kinds_and_texts(text)] == ["problem", "measure", "problem", "measure"]


def test_empty_or_nil_sections():
    assert segment(None) == []
    assert segment("  \n") == []
    assert segment("无。") == []


def test_framing_sentences_are_kept_as_framing_not_problems():
    for sentence in (
        "2016年，我区政府信息公开工作取得了明显进展，但仍存在一些不足和薄弱环节。",
        "我局政府信息公开工作取得了新进展新成果，但在工作中仍在不足。",
        "对照上级新要求和公众新期待，还有一些需要加强和改进的地方。",
    ):
        assert [s.kind for s in segment(sentence)] == ["framing"], sentence


def test_a_list_after_a_colon_gives_one_problem_per_item():
    text = "存在的不足主要表现在：政策解读形式单一；政务新媒体更新不及时；依申请公开答复文书不够规范。"
    assert kinds_and_texts(text) == [
        ("problem", "政策解读形式单一"),
        ("problem", "政务新媒体更新不及时"),
        ("problem", "依申请公开答复文书不够规范"),
    ]


def test_items_of_a_run_in_list_with_a_lead_and_a_tail():
    text = "主要是信息人员队伍能力建设仍有欠缺，信息平台不同源、信息查阅不便捷，与社会公众互动交流不足等问题。"
    assert kinds_and_texts(text) == [
        ("problem", "信息人员队伍能力建设仍有欠缺"),
        ("problem", "信息平台不同源"),
        ("problem", "信息查阅不便捷"),
        ("problem", "与社会公众互动交流不足"),
    ]


def test_a_comma_without_a_new_subject_does_not_split_a_problem():
    text = "一是政务公开范围覆盖不够，内容公开未常态化，需要进一步拓展延伸。"
    assert [k for k, _ in kinds_and_texts(text)] == ["problem"]
    assert kinds_and_texts("政务公开内容覆盖不够，需要进一步拓展延伸。") == [
        ("problem", "政务公开内容覆盖不够，需要进一步拓展延伸")
    ]


def test_shortcomings_phrased_as_needs_are_problems():
    for sentence in ("依申请公开答复质量待进一步提升", "信息发布属性界定还不够精确", "互动效果有待进一步加强"):
        assert [s.kind for s in segment(sentence)] == ["problem"], sentence


def test_an_item_stating_no_shortcoming_is_a_measure_unless_a_heading_says_problems():
    assert [s.kind for s in segment("一是认真学习有关文件精神，进一步完善重点领域政府信息目录。")] == ["measure"]
    headed = "（一）存在问题\n一是需一步加大政策解读力度，丰富政策解读的形式。\n（二）改进措施\n一是丰富解读形式。"
    assert [k for k, _ in kinds_and_texts(headed)] == ["problem", "measure"]


def test_next_year_plans_announced_with_the_year():
    text = (
        "一是对依申请公开涉及其他部门的业务流程还有所欠缺。2022年，我们将继续抓好以下两个方面工作：\n"
        "（一）提高业务水平。加强业务培训。\n（二）抓制度促规范。健全政府信息公开制度。"
    )
    assert [k for k, _ in kinds_and_texts(text, 2021)] == ["problem", "framing", "measure", "measure"]


def test_pre_2019_group_title_over_numbered_measures_is_no_statement():
    text = (
        "因此，我们考虑从以下两个方面作进一步的改进：\n（一）进一步深化政府信息公开内容。加大公开力度。\n"
        "（二）进一步规范政府信息公开行为\n1、加强信息公开培训指导工作。\n2、做好主动公开信息巡查工作。"
    )
    assert kinds_and_texts(text, 2011) == [
        ("framing", "因此，我们考虑从以下两个方面作进一步的改进"),
        ("measure", "（一）进一步深化政府信息公开内容。加大公开力度"),
        ("measure", "1、加强信息公开培训指导工作"),
        ("measure", "2、做好主动公开信息巡查工作"),
    ]


def test_statements_alone_without_a_heading():
    assert [s.kind for s in segment("已完成网站栏目整合，关停僵尸栏目5个。")] == ["rectification"]
    assert [s.kind for s in segment("下一步将完成网站改版。")] == ["measure"]
    assert [s.kind for s in segment("网站栏目设置不合理。")] == ["problem"]
    assert [s.kind for s in segment("加强培训，避免出现错漏。")] == ["measure"]
    assert [s.kind for s in segment("主要体现在以下几个方面。")] == ["framing"]
    assert [s.kind for s in segment("对以下信息进行公开。")] == ["measure"]
