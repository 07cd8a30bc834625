/*
 * The Payment Element's frame (shop-sandbox): card number, expiry and CVC, formatted and checked
 * as Stripe's form does (Luhn, a future expiry, a 3- or 4-digit CVC), errors under each field.
 * It talks to the host page's Stripe.js only by postMessage; on confirm it calls the sandbox's
 * /v1/payment_intents/:id/confirm itself with the publishable key and the client secret, so the
 * card data never leaves this frame except to the API.
 */
(function () {
    'use strict';
    var config;
    try {
        config = JSON.parse(decodeURIComponent(window.location.hash.slice(1)));
    } catch (e) {
        config = {};
    }
    // The host page's origin, for postMessage's targetOrigin; pages without an http(s) origin
    // (qrc:, file:, about:blank, an opaque "null") get '*' (the messages carry no card data).
    var PARENT_ORIGIN = /^https?:\/\/[^/]+$/.test(String(config.origin || '')) ? config.origin : '*';
    var form = document.getElementById('form');
    var inputs = {
        number: document.getElementById('number'),
        expiry: document.getElementById('expiry'),
        cvc: document.getElementById('cvc')
    };
    var touched = { number: false, expiry: false, cvc: false };
    var submitted = false;
    var busy = false;

    var vars = (config.appearance && config.appearance.variables) || {};
    Object.keys(vars).forEach(function (name) {
        if (/^[a-zA-Z]+$/.test(name) && typeof vars[name] === 'string') {
            document.documentElement.style.setProperty('--' + name, vars[name]);
        }
    });

    function send(type, payload) {
        window.parent.postMessage({ __shopSandboxStripe: config.id, type: type, payload: payload || {} },
                                  PARENT_ORIGIN);
    }

    function digits(text) {
        return String(text).replace(/\D/g, '');
    }

    function brandOf(number) {
        if (/^4/.test(number)) { return 'visa'; }
        if (/^3[47]/.test(number)) { return 'amex'; }
        if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(number)) { return 'mastercard'; }
        if (/^(6011|65|64[4-9])/.test(number)) { return 'discover'; }
        if (/^35/.test(number)) { return 'jcb'; }
        if (/^3(0|6|8|9)/.test(number)) { return 'diners'; }
        if (/^62/.test(number)) { return 'unionpay'; }
        return 'unknown';
    }

    function maxDigits(brand) {
        return brand === 'amex' ? 15 : (brand === 'diners' ? 14 : 16);
    }

    function luhn(number) {
        var sum = 0;
        var twice = false;
        for (var i = number.length - 1; i >= 0; --i) {
            var d = number.charCodeAt(i) - 48;
            if (twice) {
                d *= 2;
                if (d > 9) { d -= 9; }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 === 0;
    }

    // ---- formatting as the user types ------------------------------------------------------------
    function formatNumber() {
        var raw = digits(inputs.number.value);
        var brand = brandOf(raw);
        raw = raw.slice(0, maxDigits(brand));
        var groups = brand === 'amex' || brand === 'diners' ? [4, 6, 5] : [4, 4, 4, 4];
        var parts = [];
        var at = 0;
        for (var g = 0; g < groups.length && at < raw.length; ++g) {
            parts.push(raw.slice(at, at + groups[g]));
            at += groups[g];
        }
        setValue(inputs.number, parts.join(' '));
        document.getElementById('brand').textContent = raw.length && brand !== 'unknown' ? brand : '';
    }

    function formatExpiry() {
        var raw = digits(inputs.expiry.value);
        if (raw.length === 1 && raw > '1') {
            raw = '0' + raw;
        }
        raw = raw.slice(0, 4);
        setValue(inputs.expiry, raw.length > 2 ? raw.slice(0, 2) + ' / ' + raw.slice(2) : raw);
    }

    function formatCvc() {
        var brand = brandOf(digits(inputs.number.value));
        setValue(inputs.cvc, digits(inputs.cvc.value).slice(0, brand === 'amex' ? 4 : 3));
    }

    // Replaces an input's value, keeping the caret after the same number of digits.
    function setValue(input, value) {
        if (input.value === value) {
            return;
        }
        var caret = input.selectionStart === null ? input.value.length : input.selectionStart;
        var digitsBefore = digits(input.value.slice(0, caret)).length;
        input.value = value;
        var position = 0;
        var seen = 0;
        while (position < value.length && seen < digitsBefore) {
            if (/\d/.test(value[position])) { ++seen; }
            ++position;
        }
        if (document.activeElement === input) {
            input.setSelectionRange(position, position);
        }
    }

    // ---- validation: Stripe's codes and texts ------------------------------------------------------
    function check() {
        var number = digits(inputs.number.value);
        var brand = brandOf(number);
        var result = {};
        if (!number.length) {
            result.number = { empty: true, code: 'incomplete_number', message: 'Your card number is incomplete.' };
        } else if (number.length < maxDigits(brand)) {
            result.number = { code: 'incomplete_number', message: 'Your card number is incomplete.' };
        } else if (!luhn(number)) {
            result.number = { code: 'invalid_number', message: 'Your card number is invalid.', shown: true };
        }

        var exp = digits(inputs.expiry.value);
        var now = new Date();
        var month = parseInt(exp.slice(0, 2), 10);
        var year = 2000 + parseInt(exp.slice(2), 10);
        if (!exp.length) {
            result.expiry = { empty: true, code: 'incomplete_expiry', message: 'Your card\'s expiration date is incomplete.' };
        } else if (exp.length >= 2 && (month < 1 || month > 12)) {
            result.expiry = { code: 'invalid_expiry_month', message: 'Your card\'s expiration date is invalid.', shown: true };
        } else if (exp.length < 4) {
            result.expiry = { code: 'incomplete_expiry', message: 'Your card\'s expiration date is incomplete.' };
        } else if (year < now.getFullYear()) {
            result.expiry = { code: 'invalid_expiry_year_past', message: 'Your card\'s expiration year is in the past.', shown: true };
        } else if (year === now.getFullYear() && month < now.getMonth() + 1) {
            result.expiry = { code: 'invalid_expiry_month_past', message: 'Your card\'s expiration date is in the past.', shown: true };
        } else if (year > now.getFullYear() + 50) {
            result.expiry = { code: 'invalid_expiry_year', message: 'Your card\'s expiration year is invalid.', shown: true };
        }

        var cvc = digits(inputs.cvc.value);
        if (!cvc.length) {
            result.cvc = { empty: true, code: 'incomplete_cvc', message: 'Your card\'s security code is incomplete.' };
        } else if (cvc.length < (brand === 'amex' ? 4 : 3)) {
            result.cvc = { code: 'incomplete_cvc', message: 'Your card\'s security code is incomplete.' };
        }
        return result;
    }

    // Shows each field's error when it is complete and wrong, after the user left it, or after a
    // submit; returns the first error shown.
    function render(problems) {
        var first = null;
        ['number', 'expiry', 'cvc'].forEach(function (name) {
            var problem = problems[name];
            var visible = problem && (problem.shown || submitted || (touched[name] && !problem.empty));
            document.getElementById(name + '-error').textContent = visible ? problem.message : '';
            document.getElementById(name + '-field').classList.toggle('invalid', !!visible);
            inputs[name].setAttribute('aria-invalid', visible ? 'true' : 'false');
            if (visible && !first) {
                first = { type: 'validation_error', code: problem.code, message: problem.message };
            }
        });
        send('resize', { height: document.documentElement.scrollHeight });
        return first;
    }

    function changed() {
        var problems = check();
        var error = render(problems);
        var payload = {
            elementType: 'payment',
            collapsed: false,
            complete: !problems.number && !problems.expiry && !problems.cvc,
            empty: !inputs.number.value && !inputs.expiry.value && !inputs.cvc.value,
            value: { type: 'card' }
        };
        if (error) {
            payload.error = error;
        }
        send('change', payload);
    }

    inputs.number.addEventListener('input', function () { formatNumber(); formatCvc(); changed(); });
    inputs.expiry.addEventListener('input', function () { formatExpiry(); changed(); });
    inputs.cvc.addEventListener('input', function () { formatCvc(); changed(); });
    Object.keys(inputs).forEach(function (name) {
        inputs[name].addEventListener('blur', function () {
            touched[name] = true;
            render(check());
        });
    });
    form.addEventListener('submit', function (event) { event.preventDefault(); });

    // focus/blur of the whole element, as the host sees it
    var focused = false;
    document.addEventListener('focusin', function () {
        if (!focused) { focused = true; send('focus'); }
    });
    function checkBlur() {
        setTimeout(function () {
            var inside = document.hasFocus() && Object.keys(inputs).some(function (n) {
                return document.activeElement === inputs[n];
            });
            if (focused && !inside) { focused = false; send('blur'); }
        }, 0);
    }
    document.addEventListener('focusout', checkBlur);
    window.addEventListener('blur', checkBlur);

    // ---- requests from the host page ---------------------------------------------------------------
    function validateAll() {
        submitted = true;
        Object.keys(touched).forEach(function (n) { touched[n] = true; });
        var problems = check();
        var error = render(problems);
        if (!error && (problems.number || problems.expiry || problems.cvc)) {
            var p = problems.number || problems.expiry || problems.cvc;
            error = { type: 'validation_error', code: p.code, message: p.message };
        }
        return error;
    }

    function confirm(params) {
        var error = validateAll();
        if (error) {
            return Promise.resolve({ error: error });
        }
        if (busy) {
            return Promise.resolve({ error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state',
                                              message: 'A confirmation is already in progress.' } });
        }
        var secret = String(config.clientSecret || '');
        var id = secret.indexOf('_secret_') > 0 ? secret.slice(0, secret.indexOf('_secret_')) : '';
        var exp = digits(inputs.expiry.value);
        var body = new URLSearchParams();
        body.append('key', config.key || '');
        body.append('client_secret', secret);
        body.append('payment_method_data[type]', 'card');
        body.append('payment_method_data[card][number]', digits(inputs.number.value));
        body.append('payment_method_data[card][exp_month]', exp.slice(0, 2));
        body.append('payment_method_data[card][exp_year]', String(2000 + parseInt(exp.slice(2), 10)));
        body.append('payment_method_data[card][cvc]', digits(inputs.cvc.value));
        var billing = params.billing_details || {};
        ['name', 'email', 'phone'].forEach(function (field) {
            if (typeof billing[field] === 'string' && billing[field]) {
                body.append('payment_method_data[billing_details][' + field + ']', billing[field]);
            }
        });
        if (params.return_url) { body.append('return_url', params.return_url); }
        if (params.receipt_email) { body.append('receipt_email', params.receipt_email); }
        busy = true;
        form.setAttribute('aria-busy', 'true');
        Object.keys(inputs).forEach(function (n) { inputs[n].readOnly = true; });
        return fetch('/v1/payment_intents/' + encodeURIComponent(id) + '/confirm', {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: body.toString(),
            credentials: 'omit'
        }).then(function (response) {
            return response.json().then(function (json) {
                return response.ok ? { paymentIntent: json } : { error: json.error };
            });
        }).catch(function () {
            return { error: { type: 'api_connection_error', message: 'An error occurred with our connection to Stripe. Request was retried 0 times.' } };
        }).then(function (result) {
            busy = false;
            form.removeAttribute('aria-busy');
            Object.keys(inputs).forEach(function (n) { inputs[n].readOnly = false; });
            return result;
        });
    }

    window.addEventListener('message', function (event) {
        if (event.source !== window.parent || (PARENT_ORIGIN !== '*' && event.origin !== PARENT_ORIGIN)) {
            return;
        }
        var message = event.data;
        if (!message || message.__shopSandboxStripe !== config.id) {
            return;
        }
        switch (message.type) {
        case 'confirm':
            confirm(message.payload || {}).then(function (result) {
                window.parent.postMessage({ __shopSandboxStripe: config.id, type: 'answer',
                                            requestId: message.requestId, payload: result }, PARENT_ORIGIN);
            });
            break;
        case 'validate':
            var error = validateAll();
            window.parent.postMessage({ __shopSandboxStripe: config.id, type: 'answer', requestId: message.requestId,
                                        payload: error ? { error: error } : {} }, PARENT_ORIGIN);
            break;
        case 'focus':
            inputs.number.focus();
            break;
        case 'blur':
            if (document.activeElement) { document.activeElement.blur(); }
            break;
        case 'clear':
            Object.keys(inputs).forEach(function (n) { inputs[n].value = ''; touched[n] = false; });
            submitted = false;
            changed();
            break;
        }
    });

    send('resize', { height: document.documentElement.scrollHeight });
    send('ready');
})();
