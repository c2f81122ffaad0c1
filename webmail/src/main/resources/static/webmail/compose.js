// Facteur compose page: saves a draft every 15 seconds while the text changes (without the files, which
// are saved by the "Save draft" button and sent with the message), and refuses too large attachments
// before they are uploaded; shows which recipients have an OpenPGP key. No inline script: the page's CSP allows scripts from this site only.
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
    data.delete('signPassphrase');
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

  // OpenPGP: a key / no key line per recipient and the warning, asked of the server as the addresses change;
  // Encrypt is ticked when every recipient (and the member) has a key, until she ticks or unticks it herself.
  var pgp = document.getElementById('pgp');
  var encrypt = document.getElementById('encrypt');
  var encryptTouched = false;
  var lookup = null;
  var asked = 0;

  function showKeys(answer, keepChoice) {
    var list = document.getElementById('recipient-keys');
    var warning = document.getElementById('pgp-warning');
    var missing = [];
    list.textContent = '';
    answer.recipients.forEach(function (r) {
      var li = document.createElement('li');
      li.className = r.key ? 'has-key' : 'no-key';
      var address = document.createElement('span');
      address.className = 'address';
      address.textContent = r.address;
      var state = document.createElement('span');
      state.className = 'key-state';
      state.textContent = r.key ? pgp.dataset.hasKey : pgp.dataset.noKey;
      li.appendChild(address);
      li.appendChild(document.createTextNode(': '));
      li.appendChild(state);
      if (!r.key) {
        missing.push(r.address);
        if (pgp.dataset.lookupUrl) {   // empty when the server does not look keys up (FACTEUR_OUTBOUND_WKD_LOOKUP=off)
          li.appendChild(document.createTextNode(' '));
          li.appendChild(lookupButton(r.address, state));
        }
      }
      list.appendChild(li);
    });
    warning.hidden = missing.length === 0;
    warning.textContent = missing.length === 0 ? '' : pgp.dataset.missing.replace('{0}', missing.join(', '));
    if (!encryptTouched && !keepChoice) {
      encrypt.checked = answer.ownKey && answer.recipients.length > 0 && missing.length === 0;
    }
  }

  // A recipient without a key: her domain's Web Key Directory is asked on request only (the server fetches it),
  // then the lines are asked again, so a key found turns the line and, if it was the last missing one, Encrypt on.
  function lookupButton(address, state) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary wkd-lookup';
    button.textContent = pgp.dataset.lookup;
    button.addEventListener('click', function () {
      button.disabled = true;
      var data = new URLSearchParams();
      data.set('address', address);
      fetch(pgp.dataset.lookupUrl, {
        method: 'POST', body: data, credentials: 'same-origin', headers: { 'Accept': 'application/json' }
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (answer) {
        var note = document.getElementById('wkd-result');
        note.hidden = false;
        note.textContent = answer.message;
        if (answer.found) { askKeys(); } else { button.disabled = false; }
      }).catch(function () { button.disabled = false; });
    });
    return button;
  }

  function askKeys(keepChoice) {
    var query = new URLSearchParams();
    ['to', 'cc', 'bcc'].forEach(function (id) { query.set(id, document.getElementById(id).value); });
    var mine = ++asked;
    fetch(pgp.dataset.keysUrl + '?' + query.toString(), {
      credentials: 'same-origin', headers: { 'Accept': 'application/json' }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (answer) {
      if (mine === asked) { showKeys(answer, keepChoice === true); }
    }).catch(function () { /* the lines stay as they were; the server checks again when sending */ });
  }

  // The passphrase field (only there while her key is locked) is shown once Sign is ticked.
  var sign = document.getElementById('sign');
  var signPassphrase = document.querySelector('.sign-passphrase');
  if (sign && signPassphrase) {
    signPassphrase.hidden = !sign.checked;
    sign.addEventListener('change', function () { signPassphrase.hidden = !sign.checked; });
  }

  if (pgp && encrypt) {
    encrypt.addEventListener('change', function () { encryptTouched = true; });
    ['to', 'cc', 'bcc'].forEach(function (id) {
      document.getElementById(id).addEventListener('input', function () {
        clearTimeout(lookup);
        lookup = setTimeout(askKeys, 400);
      });
      document.getElementById(id).addEventListener('change', askKeys);
    });
    if (['to', 'cc', 'bcc'].some(function (id) { return document.getElementById(id).value.trim() !== ''; })) {
      askKeys(true);   // the lines get their Look up buttons; Encrypt stays as the server rendered it
    }
  }

  setInterval(save, 15000);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') { save(); }
  });
})();
