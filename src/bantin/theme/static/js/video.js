/* bantin: YouTube and Facebook videos behind a facade. Nothing is loaded from the platform until the
   reader asks: the link to the video becomes a button, and a click (or Enter, or Space) puts the
   platform's privacy-enhanced player in its place, playing. Without JavaScript the link stays. */
(function () {
  "use strict";
  var facades = document.querySelectorAll(".video-facade[data-embed]");
  Array.prototype.forEach.call(facades, function (facade) {
    var link = facade.querySelector(".video-play");
    if (!link) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.innerHTML = link.innerHTML;
    button.setAttribute("aria-label", "Phát video: " + facade.getAttribute("data-title"));
    button.querySelector(".video-play-text").textContent = "Phát video";
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = facade.getAttribute("data-embed");
      frame.title = facade.getAttribute("data-title");
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      facade.textContent = "";
      facade.appendChild(frame);
      facade.classList.add("video-playing");
      frame.focus();
    });
    link.parentNode.replaceChild(button, link);
  });
})();
