extension HTMLAssets {
    /// The report's whole stylesheet. System font stacks only: the file must render offline, fetch nothing.
    static let css = #"""
        :root {
          --bg: #f6f8fa; --card: #ffffff; --line: #d0d7de; --soft: #eaeef2; --text: #1f2328; --muted: #59636e;
          --code-bg: #f6f8fa;
          --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans",
            Arial, sans-serif;
          --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono",
            monospace;
          --passed: #1a7f37; --passed-bg: #dafbe1; --passed-ink: #116329;
          --failed: #cf222e; --failed-bg: #ffebe9; --failed-ink: #a40e26;
          --warning: #bf8700; --warning-bg: #fff8c5; --warning-ink: #7d4e00;
          --info: #0969da; --info-bg: #ddf4ff; --info-ink: #0550ae;
          --not-applicable: #8c959f; --not-applicable-bg: #eaeef2; --not-applicable-ink: #424a53;
          --skipped: #afb8c1; --skipped-bg: #f6f8fa; --skipped-ink: #59636e;
          --error: #8250df; --error-bg: #fbefff; --error-ink: #6639ba;
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.5 var(--sans); }
        .wrap { max-width: 1220px; margin: 0 auto; padding: 0 28px; }
        .mono, code, pre { font-family: var(--mono); font-size: 12.5px; }
        h1, h2, h3 { margin: 0; }
        a { color: var(--info-ink); }

        /* Masthead */
        .masthead { background: var(--card); border-bottom: 1px solid var(--line); padding: 18px 0 22px; }
        .brand { display: flex; align-items: center; gap: 8px; color: var(--muted); font-size: 13px; }
        .brand b { color: var(--text); font-weight: 650; }
        .logo { display: inline-grid; place-items: center; width: 24px; height: 24px; border-radius: 6px;
          background: #24292f; color: #fff; font-weight: 700; font-size: 15px; }
        .headline { display: flex; justify-content: space-between; align-items: flex-start; gap: 32px;
          margin-top: 14px; }
        h1 { font-size: 28px; line-height: 1.2; font-weight: 700; letter-spacing: -0.015em; word-break: break-word; }
        .path { margin: 6px 0 0; color: var(--muted); word-break: break-all; }
        .levelline { margin: 8px 0 0; font-weight: 600; font-variant-numeric: tabular-nums; }
        .levelline .mode { color: var(--muted); font-weight: 400; }
        .verdict { flex: none; min-width: 200px; padding: 12px 22px; border-radius: 12px; border: 1px solid;
          text-align: center; }
        .verdict .word { display: block; font-size: 26px; font-weight: 800; letter-spacing: 0.08em; line-height: 1.2; }
        .verdict .sub { display: block; margin-top: 2px; font-size: 12.5px; font-weight: 500; }
        .verdict.pass { background: var(--passed-bg); color: var(--passed-ink); border-color: #4ac26b; }
        .verdict.fail { background: var(--failed-bg); color: var(--failed-ink); border-color: #ff8182; }
        .verdict.incomplete { background: var(--warning-bg); color: var(--warning-ink); border-color: var(--warning); }
        .meta { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 14px 28px; margin: 20px 0 0;
          padding-top: 16px; border-top: 1px solid var(--soft); }
        .meta dt { font-size: 11px; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase;
          color: var(--muted); }
        .meta dd { margin: 2px 0 0; overflow-wrap: anywhere; }
        .meta dd.wide { grid-column: span 2; }
        .meta div.wide { grid-column: span 2; }
        .caps { display: flex; flex-wrap: wrap; gap: 4px; }
        .caps span { padding: 0 6px; border-radius: 4px; background: var(--soft); font-family: var(--mono);
          font-size: 11.5px;
          line-height: 19px; }

        /* Summary */
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; }
        .summary { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 20px 40px; align-items: center;
          margin: 22px 0 0; padding: 20px 22px; }
        .summary h2 { font-size: 13px; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase;
          color: var(--muted);
          margin-bottom: 10px; }
        .bar { display: flex; gap: 2px; height: 16px; overflow: hidden; border-radius: 8px; background: var(--soft); }
        .bar span { min-width: 6px; }
        .legend { display: flex; flex-wrap: wrap; gap: 6px 20px; margin: 12px 0 0; padding: 0; list-style: none;
          color: var(--muted); font-size: 13px; }
        .legend b { color: var(--text); font-variant-numeric: tabular-nums; }
        .dot { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-radius: 3px;
          vertical-align: -1px; }
        table.levels { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
        .levels th, .levels td { padding: 5px 10px; text-align: right; border-bottom: 1px solid var(--soft); }
        .levels thead th { font-size: 10.5px; font-weight: 600; letter-spacing: 0.05em; text-transform: uppercase;
          color: var(--muted);
          white-space: nowrap; }
        .levels tbody th { text-align: left; font-weight: 650; }
        .levels tbody tr:last-child th, .levels tbody tr:last-child td { border-bottom: 0; }
        .levels td.zero { color: #afb8c1; }
        .levels td.total { font-weight: 650; }

        /* Verdict colours */
        .bar .st-passed, .dot.st-passed { background: var(--passed); }
        .bar .st-failed, .dot.st-failed { background: var(--failed); }
        .bar .st-warning, .dot.st-warning { background: var(--warning); }
        .bar .st-info, .dot.st-info { background: var(--info); }
        .bar .st-not-applicable, .dot.st-not-applicable { background: var(--not-applicable); }
        .bar .st-skipped, .dot.st-skipped { background: var(--skipped); }
        .bar .st-error, .dot.st-error { background: var(--error); }
        .chip, .mini { display: inline-block; border-radius: 999px; font-weight: 700; white-space: nowrap; }
        .chip { min-width: 58px; padding: 2px 8px; font-size: 11px; letter-spacing: 0.05em; text-align: center;
          line-height: 18px; }
        .mini { padding: 0 8px; font-size: 11.5px; font-weight: 600; line-height: 20px; }
        .st-passed.chip, .st-passed.mini, td.nz.st-passed { background: var(--passed-bg); color: var(--passed-ink); }
        .st-failed.chip, .st-failed.mini, td.nz.st-failed { background: var(--failed-bg); color: var(--failed-ink); }
        .st-warning.chip, .st-warning.mini, td.nz.st-warning { background: var(--warning-bg);
          color: var(--warning-ink); }
        .st-info.chip, .st-info.mini, td.nz.st-info { background: var(--info-bg); color: var(--info-ink); }
        .st-not-applicable.chip, .st-not-applicable.mini, td.nz.st-not-applicable {
          background: var(--not-applicable-bg); color: var(--not-applicable-ink); }
        .st-skipped.chip, .st-skipped.mini, td.nz.st-skipped { background: var(--skipped-bg);
          color: var(--skipped-ink); }
        .st-error.chip, .st-error.mini, td.nz.st-error { background: var(--error-bg); color: var(--error-ink); }
        .chip.st-failed, .chip.st-error { box-shadow: inset 0 0 0 1px currentColor; }
        .chip.triage { background: var(--skipped-bg); color: var(--skipped-ink); min-width: 0; font-style: italic; }

        /* Toolbar (shown only when the script runs) */
        .toolbar { display: none; position: sticky; top: 0; z-index: 5; flex-wrap: wrap; align-items: center; gap: 8px;
          margin: 18px 0 0; padding: 10px 0; background: rgba(246, 248, 250, 0.94);
          border-bottom: 1px solid transparent; }
        .js .toolbar { display: flex; }
        .toolbar .label { margin-right: 4px; color: var(--muted); font-size: 12px; font-weight: 600;
          letter-spacing: 0.05em;
          text-transform: uppercase; }
        .toolbar button { padding: 3px 11px; border: 1px solid var(--line); border-radius: 999px;
          background: var(--card);
          color: var(--text); font: inherit; font-size: 12.5px; cursor: pointer; white-space: nowrap; }
        .toolbar .group { display: flex; flex-wrap: wrap; gap: 6px; }
        .toolbar .group.end { flex-wrap: nowrap; margin-left: auto; }
        .toolbar button:hover { border-color: #8c959f; }
        .toolbar button[aria-pressed="true"] { background: #24292f; border-color: #24292f; color: #fff; }
        .toolbar button .n { margin-left: 6px; color: inherit; opacity: 0.7; font-variant-numeric: tabular-nums; }

        /* Areas and scenarios */
        .area { margin: 26px 0 0; }
        .area > h2 { display: flex; flex-wrap: wrap; align-items: center; gap: 10px; margin: 0 0 10px; font-size: 17px;
          font-weight: 650; }
        .area > h2 .counts { display: flex; flex-wrap: wrap; gap: 6px; }
        .list { overflow: hidden; }
        details.scenario { scroll-margin-top: 64px; }
        details.scenario + details.scenario { border-top: 1px solid var(--soft); }
        details.scenario > summary { display: grid;
          grid-template-columns: 14px 74px minmax(0, auto) minmax(0, 1fr) auto 72px;
          align-items: center; gap: 4px 12px; padding: 9px 16px; cursor: pointer; list-style: none; }
        details.scenario > summary::-webkit-details-marker { display: none; }
        details.scenario > summary::before { content: ""; width: 0; height: 0; border-style: solid;
          border-width: 5px 0 5px 7px;
          border-color: transparent transparent transparent #8c959f; transition: transform 0.12s; }
        details.scenario[open] > summary::before { transform: rotate(90deg); }
        details.scenario > summary:hover { background: #f6f8fa; }
        details.scenario > summary:focus-visible { outline: 2px solid var(--info); outline-offset: -2px; }
        details.st-failed > summary, details.st-error > summary { box-shadow: inset 3px 0 var(--failed); }
        details.st-error > summary { box-shadow: inset 3px 0 var(--error); }
        details.st-warning > summary { box-shadow: inset 3px 0 var(--warning); }
        .sid { font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        .stitle { overflow: hidden; color: var(--muted); white-space: nowrap; text-overflow: ellipsis; }
        .lvl { padding: 0 6px; border: 1px solid var(--line); border-radius: 4px; color: var(--muted);
          font-size: 10.5px;
          font-weight: 700; letter-spacing: 0.05em; line-height: 17px; }
        .lvl.must { border-color: #24292f; color: #24292f; }
        .dur { color: var(--muted); font-size: 12.5px; text-align: right; font-variant-numeric: tabular-nums; }
        .smsg { grid-column: 3 / -1; overflow: hidden; font-size: 13px; white-space: nowrap; text-overflow: ellipsis; }
        .st-failed .smsg { color: var(--failed-ink); }
        .st-warning .smsg { color: var(--warning-ink); }
        .st-error .smsg { color: var(--error-ink); }
        .st-info .smsg, .st-not-applicable .smsg, .st-skipped .smsg { color: var(--muted); }

        /* Scenario details */
        .detail { padding: 6px 22px 22px 42px; border-top: 1px solid var(--soft); background: #fcfdfd; }
        .detail h3 { display: flex; align-items: baseline; gap: 8px; margin: 20px 0 8px; font-size: 12px;
          font-weight: 650;
          letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); }
        .detail h3 .count { font-weight: 500; letter-spacing: 0; text-transform: none; }
        .facts { display: grid; grid-template-columns: 110px minmax(0, 1fr); gap: 6px 16px; margin: 14px 0 0; }
        .facts dt { color: var(--muted); font-size: 12.5px; font-weight: 600; }
        .facts dd { margin: 0; white-space: pre-wrap; word-break: break-word; }
        .facts dd.message { font-weight: 600; }
        .st-failed .facts dd.message { color: var(--failed-ink); }
        .st-warning .facts dd.message { color: var(--warning-ink); }
        .st-error .facts dd.message { color: var(--error-ink); }
        table.checks { width: 100%; border-collapse: collapse; border: 1px solid var(--line); border-radius: 8px;
          background: var(--card); table-layout: fixed; font-size: 13px; }
        .checks th { padding: 6px 10px; background: var(--bg); border-bottom: 1px solid var(--line);
          color: var(--muted);
          font-size: 11px; font-weight: 600; letter-spacing: 0.05em; text-align: left; text-transform: uppercase; }
        .checks td { padding: 6px 10px; border-top: 1px solid var(--soft); vertical-align: top; word-break: break-word;
          }
        .checks td.mark { width: 30px; font-weight: 700; text-align: center; }
        .checks tr.ok td.mark { color: var(--passed); }
        .checks tr.bad td { background: #fff8f7; }
        .checks tr.bad td.mark { color: var(--failed); }
        .checks td.val { font-family: var(--mono); font-size: 12px; white-space: pre-wrap; }
        .checks tr.bad td.actual { color: var(--failed-ink); }
        .checks col.c-mark { width: 34px; }
        .checks col.c-desc { width: 34%; }

        /* Wire log */
        .wire { margin: 0; padding: 0; list-style: none; }
        .exchange { margin: 0 0 12px; overflow: hidden; border: 1px solid var(--line); border-radius: 8px;
          background: var(--card); }
        .exhead { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 16px; padding: 6px 12px;
          background: var(--bg);
          border-bottom: 1px solid var(--line); color: var(--muted); font-size: 12px;
          font-variant-numeric: tabular-nums; }
        .exhead .seq { color: var(--text); font-weight: 700; }
        .exhead .tag { padding: 0 6px; border-radius: 4px; background: var(--soft); color: var(--not-applicable-ink); }
        .exhead .tag.bad { background: var(--failed-bg); color: var(--failed-ink); }
        .panes { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
        .pane { min-width: 0; padding: 10px 12px 12px; }
        .pane + .pane { border-left: 1px solid var(--soft); }
        .pane .dir { margin-bottom: 4px; color: var(--muted); font-size: 11px; font-weight: 600; letter-spacing: 0.05em;
          text-transform: uppercase; }
        .http { font-family: var(--mono); font-size: 12.5px; line-height: 1.55; overflow-wrap: anywhere; }
        .http .line { font-weight: 700; }
        .http .method { color: var(--info-ink); }
        .http .hn { color: var(--muted); }
        .http .h { padding-left: 1.5em; text-indent: -1.5em; white-space: pre-wrap; }
        .code { font-weight: 700; }
        .s2xx .code { color: var(--passed-ink); }
        .s4xx .code { color: var(--warning-ink); }
        .s5xx .code, .s0xx .code { color: var(--failed-ink); }
        .bodybox { margin-top: 8px; }
        .bodybox .note { margin-bottom: 4px; color: var(--warning-ink); font-size: 12px; font-weight: 600; }
        pre.body { max-height: 300px; margin: 0; padding: 8px 10px; overflow: auto; border: 1px solid var(--soft);
          border-radius: 6px;
          background: var(--code-bg); white-space: pre-wrap; overflow-wrap: anywhere; }
        pre.body .cut { color: var(--warning-ink); font-style: italic; }
        .subhead { margin-top: 8px; color: var(--muted); font-size: 11px; font-weight: 600; letter-spacing: 0.05em;
          text-transform: uppercase; }
        .noresp { color: var(--failed-ink); font-size: 13px; font-weight: 600; }
        .alert { margin-top: 8px; padding: 4px 8px; border-radius: 6px; background: var(--failed-bg);
          color: var(--failed-ink);
          font-size: 12.5px; }
        .omitted { color: var(--muted); font-size: 12.5px; font-style: italic; }

        /* Timeline and logs */
        .timeline { margin: 0; padding: 0 0 0 4px; list-style: none; font-size: 13px; }
        .timeline li { position: relative; padding: 2px 0 6px 22px; border-left: 2px solid var(--line); }
        .timeline li:last-child { border-left-color: transparent; }
        .timeline li::before { content: ""; position: absolute; top: 6px; left: -8px; width: 14px; height: 14px;
          box-sizing: border-box; border: 3px solid #fcfdfd; border-radius: 50%; background: var(--not-applicable); }
        .timeline .ev-started::before { background: var(--passed); }
        .timeline .ev-exited::before { background: var(--warning); }
        .timeline .ev-killed::before, .timeline .ev-signalled::before,
        .timeline .ev-init-timeout::before, .timeline .ev-invoke-timeout::before { background: var(--failed); }
        .timeline .t { display: inline-block; min-width: 92px; color: var(--muted); font-family: var(--mono);
          font-size: 12px; }
        .timeline .k { font-weight: 650; }
        .timeline .p { color: var(--muted); }
        .logs { max-height: 360px; overflow: auto; padding: 6px 0; border: 1px solid var(--line); border-radius: 8px;
          background: var(--card); font-family: var(--mono); font-size: 12px; line-height: 1.55; }
        .log { display: grid; grid-template-columns: 92px 56px minmax(0, 1fr); gap: 10px; padding: 0 12px; }
        .log:hover { background: var(--bg); }
        .log .t, .log .s { color: var(--muted); }
        .log .x { white-space: pre-wrap; word-break: break-all; }
        .log.stderr .s, .log.stderr .x { color: var(--failed-ink); }

        .ctl { margin: 0 1px; padding: 0 2px; border-radius: 3px; background: #ffd8b5; color: #762c00;
          font-family: var(--mono); font-size: 0.92em; }

        footer { margin: 36px 0 40px; color: var(--muted); font-size: 12px; text-align: center; }
        [hidden] { display: none !important; }

        @media (max-width: 860px) {
          .wrap { padding: 0 14px; }
          .headline, .summary { display: block; }
          .meta { grid-template-columns: repeat(2, minmax(0, 1fr)); }
          .verdict { margin-top: 14px; }
          .summary table.levels { display: block; max-width: 100%; margin-top: 16px; overflow-x: auto; }
          details.scenario > summary { grid-template-columns: 14px 64px minmax(0, 1fr) auto; }
          .stitle, .dur { display: none; }
          .panes { grid-template-columns: minmax(0, 1fr); }
          .pane + .pane { border-top: 1px solid var(--soft); border-left: 0; }
          .detail { padding-left: 16px; }
        }
        @media print {
          .toolbar { display: none !important; }
          body { background: #fff; }
          .card, .exchange { break-inside: avoid; }
        }
        """#
}
