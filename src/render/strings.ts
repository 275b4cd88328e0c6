/**
 * Reply chrome (labels, buttons, errors) in the user's language. Content is always shown as written.
 * Discord sends the user's client language as `locale`; `zh-CN` gets simplified Chinese, `zh-TW` (and
 * `zh-HK`) traditional, everything else English.
 */

export type Locale = "en" | "zh-CN" | "zh-TW";

export function localeOf(discordLocale: string | undefined): Locale {
  if (discordLocale === undefined) return "en";
  if (discordLocale === "zh-TW" || discordLocale === "zh-HK") return "zh-TW";
  if (discordLocale.startsWith("zh")) return "zh-CN";
  return "en";
}

const en = {
  "questions.title": "{title}",
  "questions.footer": "Page {page} of {pages} · {count} questions · /summary shows one",
  "questions.keywords": "Keywords",
  "questions.empty": "This interview has no questions.",
  "button.previous": "Previous",
  "button.next": "Next",
  "button.context": "Context",
  "button.post": "Post in channel",
  "button.source": "Source",
  "button.delete": "Delete",
  "summary.explanation": "Explanation",
  "summary.noSummary": "No summary was written for this question.",
  "summary.transcript": "Transcript",
  "summary.transcriptInfo": "{lines} lines · speakers: {speakers}",
  "summary.firstLines": "First lines",
  "summary.useQuote": "Search it with /quote keyword:…",
  "summary.question": "Question {number}",
  "summary.footer": "Question {number} of {count} · /questions lists them all",
  "quote.lineInfo": "Line {line} · Question {question}",
  "quote.matchInfo": "Match {rank} of {total} for “{query}”",
  "quote.answerTo": "The answer to line {line}",
  "quote.contextTitle": "Lines {from}–{to} around line {line}",
  "quote.postedBy": "Shared by {user}",
  "reply.for": "{user}, this is for you:",
  "cooldown.private":
    "You've had {replies} public replies in this channel within {seconds} seconds, so this one is shown only to you.",
  "quote.deleteRefused": "Only the member who posted this quote, or someone who can manage messages, can delete it.",
  "find.noText":
    "That message has no words to look for in the transcripts (links, mentions, code and emoji are left out).",
  "error.noContent": "No interviews are loaded yet. A moderator can fix the content and run /reload.",
  "error.unknownInterview": "There is no interview called “{name}”. Available: {available}.",
  "error.unknownQuestion":
    "There is no question “{question}” in “{title}”. Questions go from {first} to {last}; /questions lists them.",
  "error.noMatch": "No line matches “{query}”.",
  "error.noMatchSpeaker": "No line by {speaker} matches “{query}”.",
  "error.didYouMean": "Did you mean: {suggestions}?",
  "error.tryOther": "Try fewer or other words, pinyin, or /questions to browse.",
  "error.emptyQuery": "Type a word or phrase to search for.",
  "error.tooLong": "That search is too long: keep it to {max} characters.",
  "error.noTerms": "That search has no letters or characters to look for.",
  "error.unknownSpeaker": "Nobody called “{speaker}” speaks in this interview. Speakers: {speakers}.",
  "error.unknownSpeakerAll": "Nobody called “{speaker}” speaks in any interview. Speakers: {speakers}.",
  "error.unknownLine": "That line no longer exists; the content may have been reloaded. Search again with /quote.",
  "error.staleButton": "This button is out of date. Run the command again.",
  "error.unknownCommand": "I don't know that command. It may have been removed; try /questions.",
  "error.internal":
    "Something went wrong on my side (ref {ref}). Please try again; if it keeps happening, tell a moderator the ref.",
  "error.pageRange": "There are only {pages} pages; showing page {page}.",
  "reload.notAllowed": "Only moderators can reload the content (Manage Server, Administrator, or a moderator role).",
  "reload.dmOnly": "/reload works in a server, not in direct messages.",
  "reload.failedTitle": "Reload failed: nothing was changed",
  "reload.failedIntro":
    "{count} problem(s) found. The bot keeps serving the content it had. Fix these and run /reload again:",
  "reload.moreErrors": "…and {count} more.",
  "reload.doneTitle": "Content reloaded",
  "reload.noChange": "Nothing changed on disk: {interviews} interview(s), {questions} questions, {lines} lines.",
  "reload.added": "Added",
  "reload.removed": "Removed",
  "reload.changed": "Changed",
  "reload.addedLine": "{title}: {questions} questions, {lines} lines",
  "reload.changedLine": "{title}: questions {q0} → {q1}, lines {l0} → {l1}",
  "reload.totals": "Now serving {interviews} interview(s), {questions} questions, {lines} lines.",
  "reload.partialTitle": "Content reloaded, but {count} shard(s) kept the old content",
  "reload.shards": "Shards",
  "reload.shardReloaded": "shard {shard}: reloaded (version {version})",
  "reload.shardRejected": "shard {shard}: kept its old content ({count} problem(s))",
  "reload.shardFailed": "shard {shard}: kept its old content — {reason}",
  "reload.warningsTitle": "{count} warning(s): they do not stop a reload, but check them",
} as const;

export type StringKey = keyof typeof en;

/** Every key, in English's order: what each language's table must have. */
export const STRING_KEYS = Object.keys(en) as StringKey[];
type Strings = Readonly<Record<StringKey, string>>;

const zhCN: Strings = {
  "questions.title": "{title}",
  "questions.footer": "第 {page}/{pages} 页 · 共 {count} 个问题 · 用 /summary 查看单个问题",
  "questions.keywords": "关键词",
  "questions.empty": "这个访谈没有问题。",
  "button.previous": "上一个",
  "button.next": "下一个",
  "button.context": "上下文",
  "button.post": "发到频道",
  "button.source": "来源",
  "button.delete": "删除",
  "summary.explanation": "额外解释",
  "summary.noSummary": "这个问题没有摘要。",
  "summary.transcript": "访谈原文",
  "summary.transcriptInfo": "{lines} 段 · 发言人：{speakers}",
  "summary.firstLines": "开头几段",
  "summary.useQuote": "用 /quote keyword:… 搜索原文",
  "summary.question": "问题 {number}",
  "summary.footer": "第 {number} 个问题，共 {count} 个 · 用 /questions 查看全部",
  "quote.lineInfo": "第 {line} 段 · 问题 {question}",
  "quote.matchInfo": "“{query}”的第 {rank}/{total} 个结果",
  "quote.answerTo": "第 {line} 段提问的回答",
  "quote.contextTitle": "第 {line} 段前后（第 {from}–{to} 段）",
  "quote.postedBy": "{user} 分享",
  "reply.for": "{user}，这是给你的：",
  "cooldown.private": "你在这个频道 {seconds} 秒内已有 {replies} 条公开回复，这一条只有你能看到。",
  "quote.deleteRefused": "只有发布这条引用的成员或有管理消息权限的成员可以删除它。",
  "find.noText": "这条消息里没有可以在访谈原文中查找的文字（链接、提及、代码和表情不算）。",
  "error.noContent": "还没有加载任何访谈。请管理员修正内容后运行 /reload。",
  "error.unknownInterview": "没有名为“{name}”的访谈。可选：{available}。",
  "error.unknownQuestion": "“{title}”中没有问题“{question}”。问题编号从 {first} 到 {last}；用 /questions 查看列表。",
  "error.noMatch": "没有找到与“{query}”匹配的内容。",
  "error.noMatchSpeaker": "{speaker} 的发言中没有与“{query}”匹配的内容。",
  "error.didYouMean": "你是不是要找：{suggestions}？",
  "error.tryOther": "试试更少或别的词、拼音，或用 /questions 浏览。",
  "error.emptyQuery": "请输入要搜索的词或短语。",
  "error.tooLong": "搜索内容太长了：请不要超过 {max} 个字符。",
  "error.noTerms": "搜索内容里没有可以查找的文字。",
  "error.unknownSpeaker": "这个访谈里没有叫“{speaker}”的发言人。发言人：{speakers}。",
  "error.unknownSpeakerAll": "所有访谈里都没有叫“{speaker}”的发言人。发言人：{speakers}。",
  "error.unknownLine": "这一段已经不存在，内容可能已重新加载。请用 /quote 重新搜索。",
  "error.staleButton": "这个按钮已过期，请重新运行命令。",
  "error.unknownCommand": "我不认识这个命令，它可能已被移除；试试 /questions。",
  "error.internal": "出了点问题（编号 {ref}）。请再试一次；如果一直出现，请把编号告诉管理员。",
  "error.pageRange": "只有 {pages} 页；显示第 {page} 页。",
  "reload.notAllowed": "只有管理员可以重新加载内容（需要“管理服务器”、“管理员”权限或管理员身份组）。",
  "reload.dmOnly": "/reload 只能在服务器中使用，不能在私信中使用。",
  "reload.failedTitle": "重新加载失败：没有做任何更改",
  "reload.failedIntro": "发现 {count} 个问题。机器人继续使用原来的内容。请修正以下问题后再次运行 /reload：",
  "reload.moreErrors": "……还有 {count} 个。",
  "reload.doneTitle": "内容已重新加载",
  "reload.noChange": "磁盘上的内容没有变化：{interviews} 个访谈，{questions} 个问题，{lines} 段。",
  "reload.added": "新增",
  "reload.removed": "移除",
  "reload.changed": "更改",
  "reload.addedLine": "{title}：{questions} 个问题，{lines} 段",
  "reload.changedLine": "{title}：问题 {q0} → {q1}，段落 {l0} → {l1}",
  "reload.totals": "现在共有 {interviews} 个访谈，{questions} 个问题，{lines} 段。",
  "reload.partialTitle": "内容已重新加载，但有 {count} 个分片仍在使用原来的内容",
  "reload.shards": "分片",
  "reload.shardReloaded": "分片 {shard}：已重新加载（版本 {version}）",
  "reload.shardRejected": "分片 {shard}：仍在使用原来的内容（{count} 个问题）",
  "reload.shardFailed": "分片 {shard}：仍在使用原来的内容 — {reason}",
  "reload.warningsTitle": "{count} 个警告：不影响重新加载，但请检查",
};

const zhTW: Strings = {
  "questions.title": "{title}",
  "questions.footer": "第 {page}/{pages} 頁 · 共 {count} 個問題 · 用 /summary 查看單個問題",
  "questions.keywords": "關鍵詞",
  "questions.empty": "這個訪談沒有問題。",
  "button.previous": "上一個",
  "button.next": "下一個",
  "button.context": "上下文",
  "button.post": "發到頻道",
  "button.source": "來源",
  "button.delete": "刪除",
  "summary.explanation": "額外解釋",
  "summary.noSummary": "這個問題沒有摘要。",
  "summary.transcript": "訪談原文",
  "summary.transcriptInfo": "{lines} 段 · 發言人：{speakers}",
  "summary.firstLines": "開頭幾段",
  "summary.useQuote": "用 /quote keyword:… 搜尋原文",
  "summary.question": "問題 {number}",
  "summary.footer": "第 {number} 個問題，共 {count} 個 · 用 /questions 查看全部",
  "quote.lineInfo": "第 {line} 段 · 問題 {question}",
  "quote.matchInfo": "「{query}」的第 {rank}/{total} 個結果",
  "quote.answerTo": "第 {line} 段提問的回答",
  "quote.contextTitle": "第 {line} 段前後（第 {from}–{to} 段）",
  "quote.postedBy": "{user} 分享",
  "reply.for": "{user}，這是給你的：",
  "cooldown.private": "你在這個頻道 {seconds} 秒內已有 {replies} 則公開回覆，這一則只有你看得到。",
  "quote.deleteRefused": "只有發布這則引用的成員或有管理訊息權限的成員可以刪除它。",
  "find.noText": "這則訊息裡沒有可以在訪談原文中查找的文字（連結、提及、程式碼和表情不算）。",
  "error.noContent": "還沒有載入任何訪談。請管理員修正內容後執行 /reload。",
  "error.unknownInterview": "沒有名為「{name}」的訪談。可選：{available}。",
  "error.unknownQuestion":
    "「{title}」中沒有問題「{question}」。問題編號從 {first} 到 {last}；用 /questions 查看列表。",
  "error.noMatch": "沒有找到與「{query}」相符的內容。",
  "error.noMatchSpeaker": "{speaker} 的發言中沒有與「{query}」相符的內容。",
  "error.didYouMean": "你是不是要找：{suggestions}？",
  "error.tryOther": "試試更少或別的詞、拼音，或用 /questions 瀏覽。",
  "error.emptyQuery": "請輸入要搜尋的詞或短語。",
  "error.tooLong": "搜尋內容太長了：請不要超過 {max} 個字元。",
  "error.noTerms": "搜尋內容裡沒有可以查找的文字。",
  "error.unknownSpeaker": "這個訪談裡沒有叫「{speaker}」的發言人。發言人：{speakers}。",
  "error.unknownSpeakerAll": "所有訪談裡都沒有叫「{speaker}」的發言人。發言人：{speakers}。",
  "error.unknownLine": "這一段已經不存在，內容可能已重新載入。請用 /quote 重新搜尋。",
  "error.staleButton": "這個按鈕已過期，請重新執行命令。",
  "error.unknownCommand": "我不認識這個命令，它可能已被移除；試試 /questions。",
  "error.internal": "出了點問題（編號 {ref}）。請再試一次；如果一直出現，請把編號告訴管理員。",
  "error.pageRange": "只有 {pages} 頁；顯示第 {page} 頁。",
  "reload.notAllowed": "只有管理員可以重新載入內容（需要「管理伺服器」、「管理員」權限或管理員身分組）。",
  "reload.dmOnly": "/reload 只能在伺服器中使用，不能在私訊中使用。",
  "reload.failedTitle": "重新載入失敗：沒有做任何更改",
  "reload.failedIntro": "發現 {count} 個問題。機器人繼續使用原來的內容。請修正以下問題後再次執行 /reload：",
  "reload.moreErrors": "……還有 {count} 個。",
  "reload.doneTitle": "內容已重新載入",
  "reload.noChange": "磁碟上的內容沒有變化：{interviews} 個訪談，{questions} 個問題，{lines} 段。",
  "reload.added": "新增",
  "reload.removed": "移除",
  "reload.changed": "更改",
  "reload.addedLine": "{title}：{questions} 個問題，{lines} 段",
  "reload.changedLine": "{title}：問題 {q0} → {q1}，段落 {l0} → {l1}",
  "reload.totals": "現在共有 {interviews} 個訪談，{questions} 個問題，{lines} 段。",
  "reload.partialTitle": "內容已重新載入，但有 {count} 個分片仍在使用原來的內容",
  "reload.shards": "分片",
  "reload.shardReloaded": "分片 {shard}：已重新載入（版本 {version}）",
  "reload.shardRejected": "分片 {shard}：仍在使用原來的內容（{count} 個問題）",
  "reload.shardFailed": "分片 {shard}：仍在使用原來的內容 — {reason}",
  "reload.warningsTitle": "{count} 個警告：不影響重新載入，但請檢查",
};

const tables: Readonly<Record<Locale, Strings>> = { en, "zh-CN": zhCN, "zh-TW": zhTW };

export type Params = Readonly<Record<string, string | number>>;

/** The text for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function t(locale: Locale, key: StringKey, params: Params = {}): string {
  return tables[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
