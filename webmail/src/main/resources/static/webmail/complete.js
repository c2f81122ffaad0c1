// Facteur compose page: completes To, Cc and Bcc from the member's own contacts (GET /contacts/complete?q=…, the
// people she wrote to). The address being typed (after the last comma) is completed: arrow keys choose, Enter or
// Tab takes, Escape closes, a click takes. Without this script the fields stay plain text fields. No inline script:
// the page's CSP allows scripts from this site only. Suggestions are put in the page as text, never as HTML.
(function () {
  'use strict';
  var form = document.getElementById('compose');
  if (!form || !form.dataset.completeUrl || !window.fetch) { return; }
  var url = form.dataset.completeUrl;
  Array.prototype.forEach.call(form.querySelectorAll('input[data-complete]'), enhance);

  // Where the address being typed starts: after the last comma or semicolon outside a quoted name.
  function lastStart(value) {
    var start = 0, quoted = false;
    for (var i = 0; i < value.length; i++) {
      var c = value.charAt(i);
      if (c === '\\') { i++; } else if (c === '"') { quoted = !quoted; } else if (!quoted && (c === ',' || c === ';')) { start = i + 1; }
    }
    return start;
  }

  function enhance(input) {
    var list = document.createElement('ul');
    list.id = input.id + '-suggestions';
    list.className = 'suggestions';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', form.dataset.suggestions || '');
    list.hidden = true;
    input.parentNode.appendChild(list);
    input.setAttribute('autocomplete', 'off'); // the browser's own list would cover this one
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-expanded', 'false');
    var items = [], active = -1, timer = null, asked = 0, pending = null;

    function close() {
      list.hidden = true;
      list.textContent = '';
      items = [];
      active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }

    function option(contact, i) {
      var li = document.createElement('li');
      li.id = list.id + '-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      var name = document.createElement('span');
      name.textContent = contact.name || contact.address;
      li.appendChild(name);
      if (contact.name) {
        var address = document.createElement('span');
        address.className = 'address';
        address.textContent = contact.address;
        li.appendChild(address);
      }
      li.addEventListener('mousedown', function (event) { event.preventDefault(); take(i); });
      return li;
    }

    function show(contacts) {
      close();
      items = contacts;
      contacts.forEach(function (c, i) { list.appendChild(option(c, i)); });
      list.hidden = contacts.length === 0;
      input.setAttribute('aria-expanded', contacts.length > 0 ? 'true' : 'false');
    }

    function highlight(i) {
      var options = list.children;
      if (active >= 0 && options[active]) { options[active].setAttribute('aria-selected', 'false'); }
      active = i;
      options[i].setAttribute('aria-selected', 'true');
      options[i].scrollIntoView({ block: 'nearest' });
      input.setAttribute('aria-activedescendant', options[i].id);
    }

    function take(i) {
      var before = input.value.slice(0, lastStart(input.value)).replace(/\s+$/, '');
      input.value = (before ? before + ' ' : '') + items[i].value + ', ';
      close();
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    }

    function ask() {
      var typed = input.value.slice(lastStart(input.value)).trim();
      if (typed.length === 0 || typed.length > 100) { close(); return; }
      var n = ++asked;
      if (pending) { pending.abort(); }
      pending = window.AbortController ? new AbortController() : null;
      fetch(url + '?q=' + encodeURIComponent(typed), {
        credentials: 'same-origin', redirect: 'error', headers: { 'Accept': 'application/json' },
        signal: pending ? pending.signal : undefined
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (answer) {
        if (n === asked && document.activeElement === input) { show(answer.contacts || []); }
      }).catch(function () { /* a lost session or network: no suggestions, the field still works */ });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener('keydown', function (event) {
      if (list.hidden) { return; }
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        highlight((active + 1) % items.length);
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if ((event.key === 'Enter' || event.key === 'Tab') && active >= 0) {
        event.preventDefault();
        take(active);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener('blur', close);
  }
})();
