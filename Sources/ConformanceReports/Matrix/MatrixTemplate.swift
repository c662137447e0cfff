/// The matrix page as a Mustache template; it needs no script.
enum MatrixTemplate {
    static let page = #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="{{{csp}}}">
        <title>{{title}}</title>
        <style>{{{css}}}</style>
        </head>
        <body>
        <header class="masthead">
          <div class="wrap">
            <div class="brand">
              <span class="logo">λ</span><b>lambdaspec</b>
              <span>Lambda Runtime API 2018-06-01 · conformance matrix</span>
            </div>
            <div class="headline">
              <div>
                <h1>Conformance matrix</h1>
                <p class="path">{{subtitle}}{{#differing}} · {{.}} scenarios differ between runs{{/differing}}</p>
              </div>
            </div>
          </div>
        </header>
        <main class="wrap">
          {{#hasChangesSection}}
          <section class="card changes">
            <h2>What changed <span class="count">{{changeSummary}}</span></h2>
            {{#hasChanges}}
            <table class="changelist">
              <thead>
                <tr><th>Scenario</th><th>Level</th><th>Before</th><th></th><th>After</th><th>Message</th></tr>
              </thead>
              <tbody>
                {{#changes}}
                <tr>
                  <td><span class="sid mono">{{id}}</span><div class="stitle">{{title}}</div></td>
                  <td><span class="lvl {{levelClass}}">{{level}}</span></td>
                  {{#before}}<td>{{> cell}}</td>{{/before}}
                  <td class="arrow">→</td>
                  {{#after}}<td>{{> cell}}</td>{{/after}}
                  <td class="msg">{{message}}</td>
                </tr>
                {{/changes}}
              </tbody>
            </table>
            {{/hasChanges}}
            {{^hasChanges}}<p class="nochange">Every scenario has the same verdict in both runs.</p>{{/hasChanges}}
          </section>
          {{/hasChangesSection}}
          <section class="card matrix-card">
            <table class="matrix">
              <thead>
                <tr>
                  <th class="corner">Scenario</th>
                  {{#columns}}
                  <th class="subject">
                    <div class="sname">{{name}}</div>
                    <div class="sdate">{{date}}</div>
                    <div class="spath mono">{{path}}</div>
                    <div class="sver">
                      lambdaspec {{toolVersion}} <span class="verdictmini {{verdictClass}}">{{verdictWord}}</span>
                    </div>
                  </th>
                  {{/columns}}
                </tr>
              </thead>
              {{#areas}}
              <tbody>
                <tr class="arearow"><th colspan="{{span}}">{{name}}</th></tr>
                {{#rows}}
                <tr class="{{#differs}}differs{{/differs}}">
                  <th class="sc">
                    <span class="sid mono">{{id}}</span> <span class="lvl {{levelClass}}">{{level}}</span>
                    <div class="stitle">{{title}}</div>
                  </th>
                  {{#cells}}<td>{{> cell}}</td>{{/cells}}
                </tr>
                {{/rows}}
              </tbody>
              {{/areas}}
            </table>
          </section>
        </main>
        <footer>{{generated}}</footer>
        </body>
        </html>
        """#

    /// One verdict chip, or a dash when the run did not include the scenario.
    static let cell = #"""
        {{#present}}<span class="chip st-{{status}}" title="{{tip}}">{{label}}</span>{{/present}}\#
        {{^present}}<span class="absent" title="{{tip}}">—</span>{{/present}}
        """#
}

/// Additions to the report stylesheet for the matrix page.
enum MatrixStyle {
    static let css = #"""
        .changes, .matrix-card { margin: 22px 0 0; padding: 18px 20px; }
        .matrix-card { padding: 0; overflow-x: auto; }
        .changes h2 { display: flex; align-items: baseline; gap: 10px; margin-bottom: 12px; font-size: 17px;
          font-weight: 650; }
        .changes h2 .count { color: var(--muted); font-size: 13px; font-weight: 500; }
        table.changelist { width: 100%; border-collapse: collapse; font-size: 13px; }
        .changelist th { padding: 6px 10px; border-bottom: 1px solid var(--line); color: var(--muted); font-size: 11px;
          font-weight: 600; letter-spacing: 0.05em; text-align: left; text-transform: uppercase; }
        .changelist td { padding: 7px 10px; border-top: 1px solid var(--soft); vertical-align: middle; }
        .changelist td.arrow { color: var(--muted); }
        .changelist td.msg { color: var(--muted); }
        .nochange { margin: 0; color: var(--muted); }
        table.matrix { width: 100%; border-collapse: separate; border-spacing: 0; font-size: 13px; }
        .matrix th, .matrix td { padding: 7px 12px; border-bottom: 1px solid var(--soft); text-align: left; }
        .matrix td { text-align: center; }
        .matrix thead th { position: sticky; top: 0; z-index: 1; background: var(--card);
          border-bottom: 1px solid var(--line);
          vertical-align: bottom; }
        .matrix th.corner { color: var(--muted); font-size: 11px; font-weight: 600; letter-spacing: 0.05em;
          text-transform: uppercase; }
        .matrix th.subject { min-width: 150px; text-align: center; font-weight: 500; }
        .sname { font-weight: 700; font-size: 14px; }
        .sdate { color: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
        .spath { color: var(--muted); font-size: 11.5px; word-break: break-all; }
        .sver { margin-top: 4px; color: var(--muted); font-size: 11.5px; }
        .verdictmini { margin-left: 4px; padding: 0 6px; border-radius: 4px; font-weight: 700; }
        .verdictmini.pass { background: var(--passed-bg); color: var(--passed-ink); }
        .verdictmini.fail { background: var(--failed-bg); color: var(--failed-ink); }
        .arearow th { padding-top: 14px; background: var(--bg); border-bottom: 1px solid var(--line); font-size: 12px;
          font-weight: 650; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); }
        .matrix th.sc { font-weight: 400; }
        .matrix .stitle, .changelist .stitle { color: var(--muted); font-size: 12.5px; white-space: normal; }
        .matrix tr.differs th.sc { box-shadow: inset 3px 0 var(--warning); }
        .matrix tbody tr:hover { background: #f6f8fa; }
        .absent { color: #afb8c1; }
        """#
}
