// Facteur compose page: saves a draft every 15 seconds while the text changes (without the files, which
// are saved by the "Save draft" button and sent with the message), and refuses too large attachments
// before they are uploaded. No inline script: the page's CSP allows scripts from this site only.
(function () {
  'use strict';
  var form = document.getElementById('compose');
  if (!form) { return; }
  var status = document.getElementById('draft-status');
  var uploadError = document.getElementById('upload-error');
  var files = document.getElementById('attachments');
  var draftUid = document.getElementById('draftUid');
  var maxUpload = parseInt(form.dataset.maxUpload, 10);
  var lastSaved = snapshot();
  var saving = false;

  function snapshot() {
    return ['to', 'cc', 'bcc', 'subject', 'body'].map(function (id) {
      var el = document.getElementById(id);
      return el ? el.value : '';
    }).join('\u0000');
  }

  function tooLarge() {
    var total = 0;
    for (var i = 0; i < files.files.length; i++) { total += files.files[i].size; }
    return maxUpload > 0 && total > maxUpload;
  }

  files.addEventListener('change', function () {
    uploadError.hidden = !tooLarge();
    uploadError.textContent = tooLarge() ? form.dataset.tooLarge : '';
  });

  form.addEventListener('submit', function (event) {
    if (tooLarge()) {
      event.preventDefault();
      uploadError.hidden = false;
      uploadError.textContent = form.dataset.tooLarge;
      files.focus();
    }
  });

  function save() {
    var now = snapshot();
    if (saving || now === lastSaved) { return; }
    saving = true;
    var data = new FormData(form);
    data.delete('attachments');
    fetch(form.dataset.draftUrl, {
      method: 'POST', body: data, credentials: 'same-origin', headers: { 'Accept': 'application/json' }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (saved) {
      if (saved.draftUid > 0) { draftUid.value = saved.draftUid; }
      if (saved.attachFromUid > 0) { document.getElementById('attachFromUid').value = saved.attachFromUid; }
      lastSaved = now;
      var time = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
      status.textContent = form.dataset.saved.replace('{0}', time);
    }).catch(function () {
      status.textContent = '';
    }).finally(function () {
      saving = false;
    });
  }

  setInterval(save, 15000);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') { save(); }
  });
})();
