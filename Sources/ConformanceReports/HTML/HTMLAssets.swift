/// The fixed parts of the HTML report: script, stylesheet (`HTMLAssets+Style.swift`) and security policy.
enum HTMLAssets {
    /// Verdict filter, expand/collapse-all and open-on-anchor. Progressive enhancement only: without it the
    /// report still reads, because `<details>` expands natively.
    static let script = #"""
        (function () {
          var doc = document;
          doc.documentElement.className += " js";
          var filters = doc.querySelectorAll("[data-filter]");
          var scenarios = doc.querySelectorAll("details.scenario");
          var areas = doc.querySelectorAll("section.area");
          function apply(key) {
            filters.forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-filter") === \#
        key)); });
            scenarios.forEach(function (s) {
              var st = s.getAttribute("data-status");
              s.hidden = !(key === "all" || st === key || (key === "attention" && s.hasAttribute("data-attention")));
            });
            areas.forEach(function (a) { a.hidden = !a.querySelector("details.scenario:not([hidden])"); });
          }
          filters.forEach(function (b) {
            b.addEventListener("click", function () { apply(b.getAttribute("data-filter")); });
          });
          doc.querySelectorAll("[data-expand]").forEach(function (b) {
            b.addEventListener("click", function () {
              var open = b.getAttribute("data-expand") === "open";
              scenarios.forEach(function (s) { if (!s.hidden) { s.open = open; } });
            });
          });
          function openFromHash() {
            var id = decodeURIComponent(location.hash.slice(1));
            var target = id ? doc.getElementById(id) : null;
            if (target && target.tagName === "DETAILS") { target.open = true; target.scrollIntoView(); }
          }
          window.addEventListener("hashchange", openFromHash);
          openFromHash();
        })();
        """#

    /// SHA-256 of `script`, so the policy can allow exactly that script and nothing a hostile runtime manages to
    /// inject. `HTMLReportWriterTests` recomputes it; update both together.
    static let scriptHash = "sha256-VneSaMufRF4Ui2PU+9P2oLbGwvIoKS9v3Hh1FAprik0="

    /// Nothing may be fetched, and only our own script may run.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src '\(scriptHash)'; "
        + "base-uri 'none'; form-action 'none'"
}
