"""What each 表三 row answers to in the 2019 条例 (国务院令第711号): the article a reader checks a row against.

The articles are those the answer types and grounds of refusal are written in; the unified format itself
prints no article numbers. Where the 条例 has no article of its own for a row, the text says so.
"""

from __future__ import annotations

#: 表三 row code → the 条例 provision it reports on (Chinese, as shown to readers)
T3_BASIS: dict[str, str] = {
    "new_received": "第二十七条至第三十一条（申请的提出、内容与补正）",
    "carried_in": "第三十三条（答复期限：20 个工作日，可延长 20 个工作日，跨年的申请结转）",
    "granted": "第三十六条第（一）（二）项（已主动公开的告知途径；可以公开的予以提供）",
    "partial": "第三十七条（能够区分处理的，提供可以公开的部分）",
    "denied_state_secret": "第十四条（依法确定为国家秘密）；第三十六条第（三）项",
    "denied_law_prohibited": "第十四条（法律、行政法规禁止公开）；第三十六条第（三）项",
    "denied_three_security": "第十四条（危及国家安全、公共安全、经济安全、社会稳定）；第三十六条第（三）项",
    "denied_third_party": "第十五条（商业秘密、个人隐私等第三方合法权益）；第三十六条第（三）项",
    "denied_internal_affairs": "第十六条第一款（人事管理、后勤管理、内部工作流程）",
    "denied_process_info": "第十六条第二款（讨论记录、过程稿、磋商信函、请示报告）",
    "denied_enforcement_file": "第十六条第二款（行政执法案卷信息）",
    "denied_admin_query": "第三十六条第（七）项（工商、不动产登记资料等，依有关法律、行政法规办理）",
    "unable_not_held": "第三十六条第（四）（五）项（信息不存在；不属于本机关负责公开）",
    "unable_needs_creation": "第三十八条（需要加工、分析的，可以不予提供）",
    "unable_unclear": "第三十条（申请内容不明确的，指导释明并一次性告知补正）",
    "rejected_petition": "第三十九条第一款（以申请形式进行信访、投诉、举报）",
    "rejected_duplicate": "第三十六条第（六）项（重复申请相同信息）",
    "rejected_publication": "第三十九条第二款（公开出版物，告知获取途径）",
    "rejected_excessive": "第三十五条（数量、频次明显超过合理范围且理由不合理）",
    "rejected_reconfirm": "《条例》没有专门的条文，统一格式单列此情形（可作讨论题）",
    "other": "2019 年版一行合计，2021 年版拆为下面三行",
    "other_no_correction": "第三十条（无正当理由逾期不补正，视为放弃申请）",
    "other_no_fee": "第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    "other_misc": "以上都不属于的其他处理情形",
    "handled_total": "第三十六条（各种答复合计）",
    "carried_out": "第三十三条（年底尚未到答复期限的申请）",
}

#: the other tables and sections → the 条例 provision behind them
PARTS_BASIS: dict[str, str] = {
    "表二 主动公开政府信息情况": "第十九条、第二十条（主动公开的范围，表二按第二十条的项分块）",
    "表三 收到和处理政府信息公开申请情况": "第五十条第（二）项；各行见下表",
    "表四 行政复议、行政诉讼情况": "第五十条第（三）项、第五十一条（可以依法申请行政复议或者提起行政诉讼）",
    "五、存在的主要问题及改进情况": "第五十条第（四）项（各级人民政府还应报告工作考核、社会评议和责任追究结果）",
}
