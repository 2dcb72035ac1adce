// parkbot web chat: renders the feed (GET /api/feed, long poll) and sends what the person does.
// Plain ES2019, no build step, nothing fetched from elsewhere. Texts come from the page's
// data-text-* attributes (the server's catalogue); the API's `html` is already made safe by the
// server, everything else is set with textContent.
(function () {
  "use strict";

  var root = document.getElementById("chat");
  if (!root) return;
  var list = document.getElementById("messages");
  var keyboardBox = document.getElementById("keyboard");
  var commandsBox = document.getElementById("commands");
  var menuButton = document.getElementById("menu-button");
  var composer = document.getElementById("composer");
  var textBox = document.getElementById("text");
  var sendButton = document.getElementById("send");
  var photoInput = document.getElementById("photo");
  var photoButton = document.getElementById("photo-button");
  var fileButton = document.getElementById("file-button");
  var locationButton = document.getElementById("location-button");
  var original = false; // the chosen photo goes as a file (EXIF kept) rather than compressed
  var toastBox = document.getElementById("toast");
  var offline = document.getElementById("offline");
  var text = {
    edited: root.dataset.textEdited,
    openPhoto: root.dataset.textOpenPhoto,
    download: root.dataset.textDownload,
    contact: root.dataset.textContact,
    failed: root.dataset.textFailed,
    uploading: root.dataset.textUploading,
    locating: root.dataset.textLocating,
    noLocation: root.dataset.textNoLocation,
  };

  var revision = 0;
  var stick = true; // follow the newest message unless the person scrolled up
  var bubbles = {}; // message id -> its <div class="message">
  var pressed = []; // inline keyboards disabled until the feed answers
  var WAIT = 25; // seconds a long poll waits (the server's limit)
  var BACKOFF_MAX = 15000; // ms between retries while offline

  // --- the API ---------------------------------------------------------------------------

  function post(path, body) {
    var options = { method: "POST", credentials: "same-origin", headers: { "X-Parkbot": "1" } };
    if (body instanceof FormData) {
      options.body = body;
    } else {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body || {});
    }
    return fetch(path, options).then(function (response) {
      if (response.status === 401) {
        window.location.reload(); // the session ended: the page says how to get back in
      }
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (data) {
          if (!response.ok) {
            throw new Error(data.error || text.failed);
          }
          return data;
        });
    });
  }

  function failed(error) {
    enablePressed();
    toast((error && error.message) || text.failed);
  }

  // --- rendering -------------------------------------------------------------------------

  function nearBottom() {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  }

  function scrollToEnd() {
    list.scrollTop = list.scrollHeight;
  }

  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function clock(seconds) {
    var date = new Date(seconds * 1000);
    return two(date.getHours()) + ":" + two(date.getMinutes());
  }

  function size(bytes) {
    if (bytes < 1024) return bytes + " B";
    if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + " KB";
    return (bytes / 1024 / 1024).toFixed(1) + " MB";
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function renderPhoto(message) {
    var link = element("a", "photo");
    link.href = message.photo;
    link.target = "_blank";
    link.rel = "noopener";
    link.title = text.openPhoto;
    var img = element("img");
    img.src = message.photo;
    img.alt = text.openPhoto;
    img.addEventListener("load", function () {
      if (stick) scrollToEnd();
    });
    link.appendChild(img);
    return link;
  }

  function renderDocument(doc) {
    var chip = element("a", "document");
    chip.href = doc.url;
    chip.setAttribute("download", doc.name);
    chip.title = text.download;
    chip.appendChild(element("span", "document-icon", "📄"));
    var info = element("span", "document-info");
    info.appendChild(element("span", "document-name", doc.name));
    info.appendChild(element("span", "document-size", size(doc.size)));
    chip.appendChild(info);
    return chip;
  }

  function renderButtons(message) {
    var box = element("div", "inline-keyboard");
    message.buttons.forEach(function (row) {
      var line = element("div", "inline-row");
      row.forEach(function (button) {
        var node;
        if (button.url) {
          node = element("a", "inline-button", button.text);
          node.href = button.url;
          node.target = "_blank";
          node.rel = "noopener noreferrer";
        } else {
          node = element("button", "inline-button", button.text);
          node.type = "button";
          node.addEventListener("click", function () {
            press(box, message.id, button.data);
          });
        }
        line.appendChild(node);
      });
      box.appendChild(line);
    });
    return box;
  }

  function renderMessage(message) {
    var node = element("div", "message " + (message.from_bot ? "bot" : "me"));
    node.dataset.id = message.id;
    var bubble = element("div", "bubble");
    if (message.photo) bubble.appendChild(renderPhoto(message));
    if (message.document) bubble.appendChild(renderDocument(message.document));
    if (message.html) {
      var body = element("div", "text");
      body.innerHTML = message.html; // made safe by the server (bot/messenger/text.py)
      bubble.appendChild(body);
    } else if (message.location) {
      var spot = message.location;
      bubble.appendChild(
        element("div", "text", "📍 " + spot.latitude.toFixed(4) + ", " + spot.longitude.toFixed(4))
      );
    } else if (!message.photo && !message.document && !message.from_bot) {
      bubble.appendChild(element("div", "text muted", text.contact));
    }
    var meta = element("div", "meta");
    if (message.edited) meta.appendChild(element("span", "edited", text.edited));
    var time = element("time", "time", clock(message.date));
    time.dateTime = new Date(message.date * 1000).toISOString();
    meta.appendChild(time);
    bubble.appendChild(meta);
    node.appendChild(bubble);
    if (message.buttons && message.buttons.length) node.appendChild(renderButtons(message));
    return node;
  }

  function place(message) {
    var known = bubbles[message.id];
    if (message.deleted) {
      if (known) known.remove();
      delete bubbles[message.id];
      return;
    }
    var node = renderMessage(message);
    if (known) {
      list.replaceChild(node, known); // an edit: the bubble changes where it is
    } else {
      list.appendChild(node);
    }
    bubbles[message.id] = node;
  }

  function renderKeyboard(keyboard) {
    keyboardBox.textContent = "";
    if (!keyboard || !keyboard.rows.length) {
      keyboardBox.hidden = true;
      return;
    }
    keyboard.rows.forEach(function (row) {
      var line = element("div", "reply-row");
      row.forEach(function (button) {
        var node = element("button", "reply-button" + (button.contact ? " contact" : ""));
        node.type = "button";
        node.textContent = button.text;
        node.addEventListener("click", function () {
          if (keyboard.one_time) keyboardBox.hidden = true;
          var sent = button.contact ? post("/api/contact") : post("/api/send", { text: button.text });
          sent.catch(failed);
        });
        line.appendChild(node);
      });
      keyboardBox.appendChild(line);
    });
    keyboardBox.hidden = false;
  }

  function renderCommands(commands) {
    commandsBox.textContent = "";
    menuButton.hidden = !commands.length;
    commands.forEach(function (entry) {
      var node = element("button", "command");
      node.type = "button";
      node.setAttribute("role", "menuitem");
      node.dataset.command = entry.command;
      node.appendChild(element("span", "command-name", entry.command));
      node.appendChild(element("span", "command-description", entry.description));
      node.addEventListener("click", function () {
        toggleMenu(false);
        post("/api/send", { text: entry.command }).catch(failed);
      });
      commandsBox.appendChild(node);
    });
  }

  function apply(feed) {
    var follow = stick || nearBottom();
    enablePressed(); // any answer after a press: the bot has acted (or the wait ran out)
    feed.messages.forEach(place);
    revision = Math.max(revision, feed.revision);
    renderKeyboard(feed.keyboard);
    renderCommands(feed.commands || []);
    feed.toasts.forEach(toast);
    if (follow) scrollToEnd();
  }

  // --- the long poll ---------------------------------------------------------------------

  var backoff = 0;

  function poll(wait) {
    fetch("/api/feed?since=" + revision + "&wait=" + wait, { credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 401) {
          window.location.reload();
          return null;
        }
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (feed) {
        if (!feed) return;
        backoff = 0;
        offline.hidden = true;
        apply(feed);
        poll(WAIT); // at once: the next change is answered as it happens
      })
      .catch(function () {
        offline.hidden = false;
        backoff = Math.min(backoff ? backoff * 2 : 1000, BACKOFF_MAX);
        window.setTimeout(function () {
          poll(0);
        }, backoff);
      });
  }

  // --- what the person does --------------------------------------------------------------

  function press(box, messageId, data) {
    var buttons = box.querySelectorAll("button");
    buttons.forEach(function (button) {
      button.disabled = true;
    });
    pressed.push(box);
    post("/api/press", { message_id: messageId, data: data }).catch(failed);
  }

  function enablePressed() {
    pressed.forEach(function (box) {
      box.querySelectorAll("button").forEach(function (button) {
        button.disabled = false;
      });
    });
    pressed = [];
  }

  var toastTimer = null;

  function toast(message) {
    toastBox.textContent = message;
    toastBox.hidden = false;
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(function () {
      toastBox.hidden = true;
    }, 3000);
  }

  function toggleMenu(open) {
    var show = open === undefined ? commandsBox.hidden : open;
    commandsBox.hidden = !show;
    menuButton.setAttribute("aria-expanded", show ? "true" : "false");
    if (show) {
      var first = commandsBox.querySelector("button");
      if (first) first.focus();
    }
  }

  function grow() {
    textBox.style.height = "auto";
    textBox.style.height = Math.min(textBox.scrollHeight, 160) + "px";
  }

  function send() {
    var typed = textBox.value;
    if (!typed.trim()) return;
    sendButton.disabled = true;
    post("/api/send", { text: typed })
      .then(function () {
        textBox.value = "";
        grow();
        stick = true;
      })
      .catch(failed)
      .then(function () {
        sendButton.disabled = false;
        textBox.focus();
      });
  }

  composer.addEventListener("submit", function (event) {
    event.preventDefault();
    send();
  });

  // Enter sends on a desktop; on a phone Enter is a new line and the button sends.
  var desktop = window.matchMedia("(pointer: fine)").matches;
  textBox.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && desktop) {
      event.preventDefault();
      send();
    }
  });
  textBox.addEventListener("input", grow);

  menuButton.addEventListener("click", function () {
    toggleMenu();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !commandsBox.hidden) {
      toggleMenu(false);
      menuButton.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (!commandsBox.hidden && !commandsBox.contains(event.target) && event.target !== menuButton) {
      toggleMenu(false);
    }
  });

  photoButton.addEventListener("click", function () {
    original = false;
    photoInput.click();
  });
  fileButton.addEventListener("click", function () {
    original = true;
    photoInput.click();
  });
  locationButton.addEventListener("click", function () {
    if (!navigator.geolocation) {
      toast(text.noLocation);
      return;
    }
    toast(text.locating);
    navigator.geolocation.getCurrentPosition(
      function (position) {
        post("/api/location", {
          latitude: position.coords.latitude,
          longitude: position.coords.longitude,
        })
          .then(function () {
            stick = true;
          })
          .catch(failed);
      },
      function () {
        toast(text.noLocation);
      },
      { enableHighAccuracy: true, timeout: 15000 }
    );
  });
  photoInput.addEventListener("change", function () {
    var file = photoInput.files && photoInput.files[0];
    if (!file) return;
    var form = new FormData();
    form.append("photo", file);
    if (original) form.append("original", "1");
    if (textBox.value.trim()) form.append("caption", textBox.value);
    toast(text.uploading);
    post("/api/photo", form)
      .then(function () {
        textBox.value = "";
        grow();
        stick = true;
      })
      .catch(failed)
      .then(function () {
        photoInput.value = "";
      });
  });

  list.addEventListener("scroll", function () {
    stick = nearBottom();
  });

  // The composer stays above a phone's on-screen keyboard: the page is as tall as what is seen.
  function fit() {
    var height = window.visualViewport ? window.visualViewport.height : window.innerHeight;
    document.documentElement.style.setProperty("--app-height", height + "px");
    if (stick) scrollToEnd();
  }
  if (window.visualViewport) window.visualViewport.addEventListener("resize", fit);
  window.addEventListener("resize", fit);
  fit();

  poll(0);
})();
