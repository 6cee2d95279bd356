// Upload page: drag and drop, several files at once, one request per file with its own progress bar.
// Without this script the form is a plain multi-file upload that works the same way on the server.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) { return; }
  var input = document.getElementById("files");
  var zone = document.getElementById("dropzone");
  var list = document.getElementById("progress");
  var maxBytes = parseInt(form.getAttribute("data-max-bytes"), 10) || 0;
  var csrf = form.querySelector("input[name=csrf_token]");
  var batch = Math.random().toString(36).slice(2, 14);
  var queue = [];
  var busy = false;
  var vi = (document.documentElement.lang || "vi") !== "en";
  function t(v, e) { return vi ? v : e; }

  function row(file) {
    var li = document.createElement("li");
    li.className = "upload-row";
    li.setAttribute("data-state", "queued");
    var name = document.createElement("span");
    name.className = "name";
    name.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    var status = document.createElement("span");
    status.className = "status";
    status.textContent = t("Đang chờ…", "Waiting…");
    li.appendChild(name);
    li.appendChild(bar);
    li.appendChild(status);
    list.appendChild(li);
    return { li: li, bar: bar, status: status };
  }

  function finish(ui, state, html) {
    ui.li.setAttribute("data-state", state);
    ui.bar.value = 100;
    ui.status.innerHTML = "";
    ui.status.appendChild(html);
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function describe(body) {
    var span = document.createElement("span");
    if (body.outcome === "staged" || body.outcome === "pending") {
      span.appendChild(document.createTextNode(
        (body.outcome === "pending" ? t("Đã có, đang chờ xác nhận: ", "Already waiting: ") : t("Đã đọc: ", "Read: ")) +
        (body.number || t("(chưa rõ số)", "(no number)")) + " "));
      span.appendChild(link(body.url, t("Kiểm tra và xác nhận", "Check and confirm")));
    } else if (body.outcome === "registered") {
      span.appendChild(document.createTextNode(t("Tệp đã được đăng ký: ", "Already registered: ")));
      span.appendChild(link(body.url, body.number || "#" + body.document_id));
    } else {
      span.className = "error";
      span.setAttribute("role", "alert");
      span.textContent = t("Lỗi: ", "Error: ") + (body.error || "?");
    }
    return span;
  }

  function send(job) {
    var ui = job.ui;
    var file = job.file;
    if (maxBytes && file.size > maxBytes) {
      var s = document.createElement("span");
      s.className = "error";
      s.setAttribute("role", "alert");
      s.textContent = t("Lỗi: tệp vượt quá dung lượng cho phép", "Error: the file exceeds the size limit");
      finish(ui, "failed", s);
      return next();
    }
    var data = new FormData();
    if (csrf) { data.append("csrf_token", csrf.value); }
    data.append("batch", batch);
    data.append("files", file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("X-Requested-With", "fetch");
    ui.li.setAttribute("data-state", "uploading");
    ui.status.textContent = t("Đang tải lên…", "Uploading…");
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) { ui.bar.value = Math.round((e.loaded / e.total) * 90); }
    };
    xhr.upload.onload = function () {
      ui.bar.value = 90;
      ui.status.textContent = t("Đang đọc và trích xuất…", "Reading and extracting…");
    };
    xhr.onload = function () {
      var body;
      try { body = JSON.parse(xhr.responseText); } catch (err) { body = { outcome: "failed", error: xhr.status + " " + xhr.statusText }; }
      finish(ui, body.outcome === "failed" ? "failed" : "done", describe(body));
      next();
    };
    xhr.onerror = function () {
      var s = document.createElement("span");
      s.className = "error";
      s.textContent = t("Lỗi mạng", "Network error");
      finish(ui, "failed", s);
      next();
    };
    xhr.send(data);
  }

  function next() {
    var job = queue.shift();
    if (!job) { busy = false; return; }
    busy = true;
    send(job);
  }

  function add(files) {
    for (var i = 0; i < files.length; i++) {
      queue.push({ file: files[i], ui: row(files[i]) });
    }
    if (!busy) { next(); }
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (input.files && input.files.length) {
      add(input.files);
      input.value = "";
    }
  });
  input.addEventListener("change", function () {
    if (input.files && input.files.length) {
      add(input.files);
      input.value = "";
    }
  });
  if (zone) {
    ["dragenter", "dragover"].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) { add(e.dataTransfer.files); }
    });
  }
})();
