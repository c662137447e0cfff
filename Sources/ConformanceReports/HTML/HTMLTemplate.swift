/// The report page as Mustache templates, embedded so the library needs no resource bundle.
///
/// `{{…}}` escapes (`< > & " '`). `{{{…}}}` is used only for the constant stylesheet, script and policy, and for
/// runtime text already converted by `HTMLText` (marked "HTML" in the view types).
enum HTMLTemplate {
    static let page = #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="{{{csp}}}">
        <meta name="generator" content="lambdaspec {{toolVersion}}">
        <title>{{title}}</title>
        <style>{{{css}}}</style>
        </head>
        <body>
        <header class="masthead">
          <div class="wrap">
            <div class="brand">
              <span class="logo">λ</span><b>lambdaspec</b>
              <span>Lambda Runtime API 2018-06-01 · conformance report</span>
            </div>
            <div class="headline">
              <div>
                <h1>{{subjectName}}</h1>
                <p class="path mono">{{subjectPath}}</p>
                <p class="levelline">
                  {{#levelLine}}{{.}} <span class="mode">· {{/levelLine}}\#
        {{modeNote}}{{#levelLine}}</span>{{/levelLine}}
                </p>
              </div>
              <div class="verdict {{verdictClass}}">
                <span class="word">{{verdictWord}}</span><span class="sub">{{verdictSub}}</span>
              </div>
            </div>
            <dl class="meta">
              {{#meta}}
              <div{{#wide}} class="wide"{{/wide}}>
                <dt>{{label}}</dt><dd{{#mono}} class="mono"{{/mono}}>{{value}}</dd>
              </div>
              {{/meta}}
              <div class="wide">
                <dt>Capabilities</dt>
                <dd class="caps">
                  {{#capabilities}}<span>{{.}}</span>{{/capabilities}}{{^capabilities}}none declared{{/capabilities}}
                </dd>
              </div>
            </dl>
          </div>
        </header>
        <main class="wrap">
          <section class="card summary" aria-label="Summary">
            <div>
              <h2>Results</h2>
              <div class="bar" role="img" aria-label="{{barLabel}}">
                {{#segments}}<span class="st-{{status}}" style="flex-grow: {{count}}" title="{{count}} {{noun}}"></span>
                {{/segments}}
              </div>
              <ul class="legend">
                {{#segments}}<li><span class="dot st-{{status}}"></span><b>{{count}}</b> {{noun}}</li>
                {{/segments}}
              </ul>
            </div>
            <table class="levels">
              <thead><tr><th></th>{{#statusHeads}}<th>{{.}}</th>{{/statusHeads}}<th>total</th></tr></thead>
              <tbody>
                {{#levelRows}}
                <tr>
                  <th>{{level}}</th>
                  {{#cells}}<td class="{{#zero}}zero{{/zero}}{{^zero}}nz st-{{status}}{{/zero}}">{{text}}</td>{{/cells}}
                  <td class="total">{{total}}</td>
                </tr>
                {{/levelRows}}
              </tbody>
            </table>
          </section>
          <nav class="toolbar" aria-label="Filter scenarios">
            <span class="label">Show</span>
            <span class="group">
              {{#filters}}
              <button type="button" data-filter="{{key}}"\#
         aria-pressed="{{#pressed}}true{{/pressed}}{{^pressed}}false{{/pressed}}">
                {{label}}<span class="n">{{count}}</span>
              </button>
              {{/filters}}
            </span>
            <span class="group end">
              <button type="button" data-expand="open">Expand all</button>
              <button type="button" data-expand="close">Collapse all</button>
            </span>
          </nav>
          {{#areas}}
          <section class="area" id="{{anchor}}">
            <h2>
              {{name}}
              <span class="counts">{{#chips}}<span class="mini st-{{status}}">{{count}} {{noun}}</span>{{/chips}}</span>
            </h2>
            <div class="card list">
              {{#scenarios}}{{> scenario}}{{/scenarios}}
            </div>
          </section>
          {{/areas}}
        </main>
        <footer>{{generated}}</footer>
        <script>{{{script}}}</script>
        </body>
        </html>
        """#

    static let scenario = #"""
        <details class="scenario st-{{status}}" id="{{anchor}}" data-status="{{status}}"\#
        {{#attention}} data-attention{{/attention}}{{#open}} open{{/open}}>
          <summary>
            <span class="chip st-{{status}}">{{statusLabel}}</span>
            {{#triageLabel}}<span class="chip triage">{{.}}</span>{{/triageLabel}}
            <span class="sid mono">{{id}}</span>
            <span class="stitle">{{title}}</span>
            <span class="lvl {{levelClass}}">{{level}}</span>
            <span class="dur">{{duration}}</span>
            {{#summaryMessage}}<span class="smsg">{{{.}}}</span>{{/summaryMessage}}
          </summary>
          <div class="detail">
            <dl class="facts">
              <dt>Requirement</dt><dd>{{requirement}}</dd>
              <dt>Source</dt><dd>{{source}}</dd>
              {{#message}}<dt>Message</dt><dd class="message">{{{.}}}</dd>{{/message}}
              {{#triageReason}}<dt>Expected</dt><dd>{{.}}</dd>{{/triageReason}}
            </dl>
            {{#hasChecks}}
            <h3>Checks</h3>
            <table class="checks">
              <colgroup><col class="c-mark"><col class="c-desc"><col><col></colgroup>
              <thead><tr><th></th><th>Check</th><th>Expected</th><th>Actual</th></tr></thead>
              <tbody>
                {{#checks}}
                <tr class="{{#passed}}ok{{/passed}}{{^passed}}bad{{/passed}}">
                  <td class="mark">{{mark}}</td>
                  <td>{{description}}</td>
                  <td class="val">{{{expected}}}</td>
                  <td class="val actual">{{{actual}}}</td>
                </tr>
                {{/checks}}
              </tbody>
            </table>
            {{/hasChecks}}
            {{#hasExchanges}}
            <h3>Wire log <span class="count">{{exchangeCount}}</span></h3>
            <ol class="wire">
              {{#exchanges}}{{> exchange}}{{/exchanges}}
            </ol>
            {{#exchangesOmitted}}<p class="omitted">{{.}}</p>{{/exchangesOmitted}}
            {{/hasExchanges}}
            {{#hasEvents}}
            <h3>Process</h3>
            <ol class="timeline">
              {{#events}}
              <li class="ev-{{kind}}">
                <span class="t">{{time}}</span><span class="k">{{kind}}</span>
                <span class="p">· process #{{processStart}}</span>{{#detail}} · {{{.}}}{{/detail}}
              </li>
              {{/events}}
            </ol>
            {{/hasEvents}}
            {{#hasLogs}}
            <h3>Runtime output <span class="count">{{logCount}}</span></h3>
            <div class="logs">
              {{#logs}}
              <div class="log {{stream}}"><span class="t">{{time}}</span><span class="s">{{stream}}</span>\#
        <span class="x">{{{text}}}</span></div>
              {{/logs}}
            </div>
            {{/hasLogs}}
          </div>
        </details>
        """#

    /// Header lines sit inside `white-space: pre-wrap` blocks, so each stays on one template line.
    static let exchange = #"""
        <li class="exchange">
          <div class="exhead">
            <span class="seq">#{{sequence}}</span>
            <span>{{time}}</span>
            <span>connection {{connection}}</span>
            <span>process #{{processStart}}</span>
            {{#latency}}<span>answered after {{.}}</span>{{/latency}}
            {{#chunked}}<span class="tag">chunked</span>{{/chunked}}
            {{#malformed}}<span class="tag bad">malformed</span>{{/malformed}}
            {{#fault}}<span class="tag bad">fault injected</span>{{/fault}}
          </div>
          <div class="panes">
            <div class="pane">
              <div class="dir">Runtime → mock</div>
              <div class="http">
                <div class="line"><span class="method">{{method}}</span> {{target}} {{version}}</div>
                {{#requestHeaders}}
                <div class="h"><span class="hn">{{name}}:</span> {{{value}}}</div>
                {{/requestHeaders}}
              </div>
              {{#requestBody}}{{> body}}{{/requestBody}}
              {{#hasTrailers}}
              <div class="subhead">Trailers</div>
              <div class="http">
                {{#trailers}}
                <div class="h"><span class="hn">{{name}}:</span> {{{value}}}</div>
                {{/trailers}}
              </div>
              {{/hasTrailers}}
              {{#malformed}}<div class="alert">Malformed request: {{{.}}}</div>{{/malformed}}
            </div>
            <div class="pane {{statusClass}}">
              <div class="dir">Mock → runtime</div>
              {{#hasResponse}}
              <div class="http">
                <div class="line">HTTP/1.1 <span class="code">{{statusCode}}</span> {{reason}}</div>
                {{#responseHeaders}}
                <div class="h"><span class="hn">{{name}}:</span> {{{value}}}</div>
                {{/responseHeaders}}
              </div>
              {{#responseBody}}{{> body}}{{/responseBody}}
              {{#fault}}<div class="alert">Fault injected: {{{.}}}</div>{{/fault}}
              {{/hasResponse}}
              {{^hasResponse}}
              <p class="noresp">No response: the connection closed before the mock answered.</p>
              {{/hasResponse}}
            </div>
          </div>
        </li>
        """#

    /// Everything between `<pre>` and `</pre>` is shown verbatim, so it is kept free of template whitespace.
    static let body = #"""
        <div class="bodybox">{{#note}}<div class="note">{{.}}</div>{{/note}}<pre class="body">{{{text}}}\#
        {{#truncated}}<span class="cut">
        … truncated</span>{{/truncated}}</pre></div>
        """#
}
