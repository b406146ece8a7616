/* Draws the page's charts: each <div class="vega-chart"> holds a Vega-Lite spec in a
   <script type="application/json"> child (written by disclosure_analysis.charts), rendered as SVG with the
   bundled Vega and Vega-Lite (vega.min.js and vega-lite.min.js, loaded before this file). */
(function () {
  "use strict";

  function fail(el, error) {
    var message = document.createElement("p");
    message.className = "vega-chart-error";
    message.textContent = "图表无法显示：" + (error && error.message ? error.message : String(error));
    el.appendChild(message);
  }

  function draw(el) {
    var source = el.querySelector('script[type="application/json"]');
    if (!source) {
      return;
    }
    try {
      if (typeof vega === "undefined" || typeof vegaLite === "undefined") {
        throw new Error("未能加载绘图程序（assets/vega.min.js、assets/vega-lite.min.js）");
      }
      var spec = vegaLite.compile(JSON.parse(source.textContent)).spec;
      var view = new vega.View(vega.parse(spec), { renderer: "svg", container: el, hover: true });
      view.runAsync().catch(function (error) {
        fail(el, error);
      });
    } catch (error) {
      fail(el, error);
    }
  }

  function drawAll() {
    Array.prototype.forEach.call(document.querySelectorAll("div.vega-chart"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
