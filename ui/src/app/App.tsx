import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { open, save } from "@tauri-apps/plugin-dialog";
import { listen } from "@tauri-apps/api/event";
import { ipc, type Dashboard as DashboardData, type Profile } from "../ipc";
import { setGeneration } from "../ipc/cache";
import { asLang, translate, type Key, type Lang } from "../i18n";
import { TopBar } from "../components/TopBar";
import { ErrorBanner } from "../components/ErrorBanner";
import { EffectScreen, prefetchEffect } from "../features/effect/EffectScreen";
import { Sidebar, SCREENS, type Screen } from "../components/Sidebar";
import { DashboardView } from "../features/dashboard/Dashboard";
import { ImportScreen } from "../features/import/ImportScreen";
import { PlanScreen, forgetPlanView, prefetchPlan } from "../features/plan/PlanScreen";
import { CustomersScreen, forgetCustomerView, prefetchCustomers } from "../features/customers/CustomersScreen";
import { NpsScreen, PointsScreen, PredictionScreen, ReferralsScreen, StagesScreen, prefetchView } from "../features/analysis/AnalysisScreens";
import { SettingsScreen } from "../features/settings/SettingsScreen";
import { markDashboard, markReady, markSwitch } from "../perf";

export function App() {
  const [lang, setLang] = useState<Lang>("ja");
  const [data, setDataState] = useState<DashboardData | null>(null);
  // Every dashboard says which workspace generation its figures are of: the
  // page's one cache keeps answers for that generation only.
  const setData = useCallback((d: DashboardData | null) => {
    if (d) setGeneration(Number(d.generation));
    setDataState(d);
  }, []);
  const generation = Number(data?.generation ?? 0);
  const [profile, setProfile] = useState<Profile | null>(null);
  const [asOf, setAsOf] = useState<string>("");
  const [screen, setScreenState] = useState<Screen>("home");
  const setScreen = useCallback((next: Screen) => {
    markSwitch(next);
    setScreenState(next);
  }, []);
  const [busy, setBusy] = useState<Key | null>("creatingDemo");
  const [error, setError] = useState<unknown>(null);
  const [maskPii, setMaskPii] = useState(false);
  const [openCustomer, setOpenCustomer] = useState<string | null>(null);
  const [presentation, setPresentation] = useState(false);
  const goToCustomer = (key: string) => {
    setOpenCustomer(key);
    setScreen("customers");
  };
  const t = useCallback((key: Key) => translate(lang, key), [lang]);

  // Every call goes through here: busy state on, errors shown as sentences.
  const run = useCallback(async (label: Key, job: () => Promise<void>) => {
    setBusy(label);
    setError(null);
    try {
      await job();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }, []);

  const refreshProfile = useCallback(async () => setProfile(await ipc.profile()), []);

  useEffect(() => {
    void run("creatingDemo", async () => {
      const p = await ipc.profile();
      const l = asLang(p.language);
      setLang(l);
      setMaskPii(p.mask_pii);
      setData(await ipc.startup(l));
      await refreshProfile();
    });
  }, [run, refreshProfile]);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // Timings for the benchmark: the first dashboard, and screen switches.
  useEffect(() => {
    if (!data) return;
    markDashboard();
    if (screen === "home" || screen === "import") markReady(screen);
  }, [data, screen]);

  // Another workspace: the lists forget the filters they kept for the last one.
  const path = data?.path ?? null;
  useEffect(() => {
    forgetCustomerView();
    forgetPlanView();
  }, [path]);

  // A workspace may come from anyone: once it is open, SQLite checks every
  // page of it in the background, and a damaged file is said at once.
  useEffect(() => {
    if (!path) return;
    ipc.checkWorkspace().catch((e: unknown) => setError(e));
  }, [path]);

  // Warm the screens while the dashboard is read: the analysis view, the
  // customer list's first rows and the plan's first page are read once and
  // kept in the page, so that each screen's first visit renders at once.
  useEffect(() => {
    if (!data) return;
    void (async () => {
      try {
        await prefetchView(asOf, lang, maskPii);
        await prefetchCustomers(asOf, maskPii);
        await prefetchPlan(asOf, data.report.as_of, maskPii);
        await prefetchEffect(asOf || null, lang);
      } catch {
        // Warming is best effort; the screens report their own errors.
      }
    })();
  }, [data, maskPii]);

  // Keyboard: Ctrl/⌘ + 1…9 switch screens.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Presentation mode: F11 or Ctrl+Shift+P; Esc leaves it.
      if (e.key === "F11" || ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === "p")) {
        e.preventDefault();
        setPresentation((on) => !on);
        return;
      }
      if (e.key === "Escape") setPresentation(false);
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      // Ctrl+1…9 the first nine screens, Ctrl+0 and Ctrl+, the settings.
      const n = Number(e.key);
      const target = e.key === "," || e.key === "0" ? "settings" : Number.isInteger(n) && n >= 1 ? SCREENS[n - 1] : undefined;
      if (target) {
        e.preventDefault();
        setScreen(target);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [setScreen]);

  const reload = (nextAsOf: string, nextLang: Lang) =>
    run("loading", async () => setData(await ipc.dashboard(nextAsOf || null, nextLang)));

  const openFile = (path: string) =>
    run("loading", async () => {
      setAsOf("");
      setData(await ipc.openWorkspace(path, lang));
      await refreshProfile();
    });

  // A workspace the OS handed over (double-clicked while the app runs, or
  // macOS's open event): opened like one chosen here.
  const openRef = useRef(openFile);
  openRef.current = openFile;
  useEffect(() => {
    const stop = listen<string>("open-workspace", (e) => void openRef.current(e.payload));
    return () => void stop.then((f) => f());
  }, []);

  const onOpen = async () => {
    const path = await open({ multiple: false, directory: false, filters: [{ name: t("dialogFilter"), extensions: ["horetsu"] }] });
    if (typeof path === "string") await openFile(path);
  };

  const onNew = async () => {
    const path = await save({ defaultPath: `${t("newWorkspaceName")}.horetsu`, filters: [{ name: t("dialogFilter"), extensions: ["horetsu"] }] });
    if (!path) return;
    const file = path.endsWith(".horetsu") ? path : `${path}.horetsu`;
    const name = file.split(/[\\/]/).pop()?.replace(/\.horetsu$/, "") ?? t("newWorkspaceName");
    await run("loading", async () => {
      setAsOf("");
      setData(await ipc.createWorkspace(file, name, lang));
      await refreshProfile();
      setScreen("import");
    });
  };

  const onLanguage = (next: Lang) =>
    run("loading", async () => {
      setLang(next);
      setProfile(await ipc.setLanguage(next));
      setData(await ipc.dashboard(asOf || null, next));
    });

  const onAsOf = (value: string) => {
    setAsOf(value);
    void reload(value, lang);
  };

  return (
    <div class={`app ${presentation ? "presentation" : ""}`} data-testid="app">
      {presentation && (
        <button type="button" class="leave-presentation" onClick={() => setPresentation(false)} data-testid="leave-presentation">
          {t("leave_presentation")}
        </button>
      )}
      <TopBar
        t={t}
        lang={lang}
        info={data?.info ?? null}
        path={data?.path ?? null}
        recent={profile?.recent ?? []}
        onNew={onNew}
        onOpen={onOpen}
        onOpenRecent={openFile}
        onLanguage={onLanguage}
        maskPii={maskPii}
        onMaskPii={setMaskPii}
        onPresentation={() => setPresentation(true)}
      />
      {data?.info.is_demo && (
        <div class="demo-notice" data-testid="demo-notice">
          {t("demoNotice")}
        </div>
      )}
      {error !== null && <ErrorBanner t={t} lang={lang} error={error} onDismiss={() => setError(null)} />}
      <div class="body">
        <Sidebar t={t} screen={screen} onScreen={setScreen} />
        <main class="content" key={screen} aria-busy={busy !== null}>
          {!data ? (
            busy && <p class="placeholder">{t(busy)}</p>
          ) : screen === "home" ? (
            <DashboardView t={t} lang={lang} data={data} asOf={asOf} onAsOf={onAsOf} onImport={() => setScreen("import")} onNavigate={setScreen} />
          ) : screen === "customers" ? (
            <CustomersScreen t={t} lang={lang} asOf={asOf} maskPii={maskPii} generation={generation} onError={setError} onChanged={() => void reload(asOf, lang)} initialOpen={openCustomer} onOpened={() => setOpenCustomer(null)} />
          ) : screen === "stages" ? (
            <StagesScreen t={t} lang={lang} asOf={asOf} maskPii={maskPii} generation={generation} onError={setError} onOpenCustomer={goToCustomer} />
          ) : screen === "referrals" ? (
            <ReferralsScreen t={t} lang={lang} asOf={asOf} maskPii={maskPii} generation={generation} onError={setError} onOpenCustomer={goToCustomer} />
          ) : screen === "points" ? (
            <PointsScreen t={t} lang={lang} asOf={asOf} maskPii={maskPii} generation={generation} onError={setError} onOpenCustomer={goToCustomer} onChanged={() => void reload(asOf, lang)} />
          ) : screen === "nps" ? (
            <NpsScreen t={t} lang={lang} asOf={asOf} maskPii={maskPii} generation={generation} onError={setError} onOpenCustomer={goToCustomer} />
          ) : screen === "prediction" ? (
            <PredictionScreen t={t} lang={lang} asOf={asOf} maskPii={maskPii} generation={generation} onError={setError} onOpenCustomer={goToCustomer} />
          ) : screen === "settings" ? (
            <SettingsScreen
              t={t}
              lang={lang}
              path={data.path}
              maskDefault={profile?.mask_pii ?? false}
              onLanguage={onLanguage}
              onMaskDefault={(on) => void ipc.setMaskDefault(on).then(setProfile).catch(setError)}
              onChanged={() => void reload(asOf, lang)}
              onError={setError}
            />
          ) : screen === "effect" ? (
            <EffectScreen t={t} lang={lang} asOf={asOf} generation={generation} maskPii={maskPii} onError={setError} onOpenCustomer={goToCustomer} onChanged={() => void reload(asOf, lang)} />
          ) : screen === "plan" ? (
            <PlanScreen t={t} lang={lang} asOf={asOf} resolvedAsOf={data.report.as_of} maskPii={maskPii} generation={generation} onError={setError} onOpenCustomer={goToCustomer} onChanged={() => void reload(asOf, lang)} />
          ) : (
            <ImportScreen t={t} lang={lang} onChanged={() => void reload(asOf, lang)} onError={setError} />
          )}
        </main>
      </div>
      {busy && data && <div class="busy-bar" role="progressbar" aria-label={t(busy)} />}
    </div>
  );
}
