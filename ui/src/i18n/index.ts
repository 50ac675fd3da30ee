// 日本語 first, English second. Every label the UI shows comes from here;
// domain terms use exactly the Japanese of domain.md.

export type Lang = "ja" | "en";

const ja = {
  appName: "惚れ通",
  demoBadge: "デモ",
  demoNotice: "これはデモ用のお店(ひだまり茶舗)です。自分のお店のデータは「新規作成」か「開く」から。",
  newWorkspace: "新規作成",
  openWorkspace: "開く",
  recent: "最近使ったファイル",
  noRecent: "履歴はありません",
  language: "言語",
  dashboard: "ホーム",
  asOf: "基準日",
  asOfDefault: "最新",
  customers: "顧客数",
  orders: "注文数",
  revenue: "売上",
  anonymousRevenue: "うち顧客不明",
  funnel: "惚れ通ステージ",
  funnelHint: "観測 → 着地 → 共感 → 関与 → 循環。矢印は次のステージへ進んだ割合です。",
  stage_observer: "観測",
  stage_landing: "着地",
  stage_empathy: "共感",
  stage_involvement: "関与",
  stage_circulation: "循環",
  people: "人",
  loading: "読み込み中…",
  creatingDemo: "デモ用のお店を準備しています…",
  workspaceFile: "ワークスペース",
  newWorkspaceName: "新しいお店",
  emptyTitle: "まだ注文データがありません",
  emptyBody: "カートやモールから書き出した注文一覧(Excel・CSV)を取り込むと、ここに顧客の姿が表れます。",
  errorTitle: "うまくいきませんでした",
  dismiss: "閉じる",
  dialogFilter: "Horetsu ワークスペース",
};

export type Key = keyof typeof ja;

const en: Record<Key, string> = {
  appName: "Horetsu",
  demoBadge: "Demo",
  demoNotice: "This is the demo shop (Hidamari Tea). Use New or Open for your own shop's data.",
  newWorkspace: "New",
  openWorkspace: "Open",
  recent: "Recent files",
  noRecent: "No recent files",
  language: "Language",
  dashboard: "Home",
  asOf: "Analysis date",
  asOfDefault: "Latest",
  customers: "Customers",
  orders: "Orders",
  revenue: "Revenue",
  anonymousRevenue: "of which anonymous",
  funnel: "Horetsu stages",
  funnelHint: "Observer → Landing → Empathy → Involvement → Circulation. Arrows show the share who moved on.",
  stage_observer: "Observer",
  stage_landing: "Landing",
  stage_empathy: "Empathy",
  stage_involvement: "Involvement",
  stage_circulation: "Circulation",
  people: "",
  loading: "Loading…",
  creatingDemo: "Preparing the demo shop…",
  workspaceFile: "Workspace",
  newWorkspaceName: "New shop",
  emptyTitle: "No orders yet",
  emptyBody: "Import the order list you export from your cart or marketplace (Excel or CSV) and your customers appear here.",
  errorTitle: "Something went wrong",
  dismiss: "Dismiss",
  dialogFilter: "Horetsu workspace",
};

const dictionaries: Record<Lang, Record<Key, string>> = { ja, en };

export function translate(lang: Lang, key: Key): string {
  return dictionaries[lang][key];
}

export function asLang(code: string | null | undefined): Lang {
  return code === "en" ? "en" : "ja";
}

/** Integer with thousands separators. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** Yen amount: ¥1,234,567 (negative as -¥…). */
export function formatYen(n: number): string {
  const sign = n < 0 ? "-" : "";
  return `${sign}¥${Math.round(Math.abs(n)).toLocaleString("en-US")}`;
}

/** Share as a percentage with one decimal, or an en dash when unknown. */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "–";
  return `${(share * 100).toFixed(1)}%`;
}
