// Host-page helper for the agent-credits widget: sizes each embedded calculator's iframe to its
// content, so it never shows scrollbars. Include once per page, after or before the iframes:
//
//   <iframe src="https://example.com/credits/?embed=1&agent=payables" style="width:100%;border:0"></iframe>
//   <script src="https://example.com/credits/examples/embed.js" async></script>
//
// The widget posts { type: "agent-credits:resize", height: <CSS pixels> } to its parent whenever
// its height changes. Only messages that come from one of this page's iframes are used.
(function () {
  'use strict';
  if (window.__agentCreditsEmbed) return;
  window.__agentCreditsEmbed = true;
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'agent-credits:resize') return;
    var height = Number(data.height);
    if (!isFinite(height) || height <= 0 || height > 20000) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.ceil(height) + 'px';
        frames[i].setAttribute('data-agent-credits-height', String(Math.ceil(height)));
      }
    }
  });
})();
