/*
 * shop-sandbox's stand-in for Stripe.js v3 (https://stripe.com/docs/js), the subset the store uses:
 *   Stripe(publishableKey), stripe.elements({clientSecret, appearance}), elements.create('payment'),
 *   element.mount(selector | element), element.on('ready' | 'change' | 'focus' | 'blur', handler),
 *   stripe.confirmPayment({elements, confirmParams, redirect}), stripe.retrievePaymentIntent(secret),
 *   elements.submit(), elements.getElement('payment').
 * As with Stripe, the card fields live in an iframe served from this script's own origin; the host
 * page talks to it with postMessage and never sees the card data. Written for the sandbox; no code
 * of Stripe's.
 */
(function () {
    'use strict';
    if (window.Stripe && window.Stripe.__shopSandbox) {
        return;
    }
    var script = document.currentScript;
    var ORIGIN = new URL(script && script.src ? script.src : window.location.href).origin;
    var FRAME_URL = ORIGIN + '/stripe-js/v3/payment-element.html';
    var nextId = 1;

    function IntegrationError(message) {
        var error = new Error(message);
        error.name = 'IntegrationError';
        return error;
    }

    function intentIdOf(clientSecret) {
        var text = String(clientSecret || '');
        var at = text.indexOf('_secret_');
        return at > 0 ? text.slice(0, at) : null;
    }

    function request(method, path, params) {
        var form = new URLSearchParams();
        Object.keys(params).forEach(function (key) {
            form.append(key, params[key]);
        });
        var init = { method: method, mode: 'cors', credentials: 'omit' };
        var url = ORIGIN + path;
        if (method === 'GET') {
            url += '?' + form.toString();
        } else {
            init.headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
            init.body = form.toString();
        }
        return fetch(url, init).then(function (response) {
            return response.json().then(function (json) {
                return { ok: response.ok, json: json };
            });
        }).catch(function () {
            return {
                ok: false,
                json: { error: { type: 'api_connection_error',
                                 message: 'An error occurred with our connection to Stripe.' } }
            };
        });
    }

    // ---- the Payment Element: an iframe of ORIGIN, driven by messages ------------------------
    function PaymentElement(elements, options) {
        this._elements = elements;
        this._options = options || {};
        this._id = 'shop-sandbox-' + (nextId++);
        this._handlers = {};
        this._frame = null;
        this._container = null;
        this._ready = false;
        this._pending = {};
        this._onMessage = this._onMessage.bind(this);
    }

    PaymentElement.prototype.on = function (event, handler) {
        (this._handlers[event] = this._handlers[event] || []).push(handler);
        return this;
    };
    PaymentElement.prototype.once = function (event, handler) {
        var self = this;
        function wrapped(payload) {
            self.off(event, wrapped);
            handler(payload);
        }
        return this.on(event, wrapped);
    };
    PaymentElement.prototype.off = function (event, handler) {
        var list = this._handlers[event] || [];
        this._handlers[event] = handler ? list.filter(function (h) { return h !== handler; }) : [];
        return this;
    };
    PaymentElement.prototype._emit = function (event, payload) {
        (this._handlers[event] || []).slice().forEach(function (handler) {
            try {
                handler(payload);
            } catch (e) {
                setTimeout(function () { throw e; });
            }
        });
    };

    PaymentElement.prototype.mount = function (target) {
        var node = typeof target === 'string' ? document.querySelector(target) : target;
        if (!node || !node.appendChild) {
            throw IntegrationError('The selector you specified (' + target + ') applies to no DOM elements that are currently on the page.');
        }
        if (this._frame) {
            throw IntegrationError('This Element is already mounted. Use `unmount()` to unmount the Element before re-mounting.');
        }
        var config = {
            id: this._id,
            origin: window.location.origin,
            key: this._elements._stripe._key,
            clientSecret: this._elements._clientSecret,
            appearance: this._elements._appearance || {}
        };
        var wrapper = document.createElement('div');
        wrapper.className = '__PrivateStripeElement';
        wrapper.style.cssText = 'margin:0;padding:0;border:none;display:block;background:transparent;position:relative;opacity:1';
        var frame = document.createElement('iframe');
        frame.name = '__privateStripeFrame' + this._id.replace(/\D/g, '');
        frame.title = 'Secure payment input frame';
        frame.setAttribute('frameborder', '0');
        frame.setAttribute('allowtransparency', 'true');
        frame.setAttribute('scrolling', 'no');
        frame.setAttribute('allow', 'payment *');
        frame.style.cssText = 'border:none;margin:0;padding:0;width:100%;min-width:100%;height:220px;display:block;overflow:hidden;color-scheme:light only';
        frame.src = FRAME_URL + '#' + encodeURIComponent(JSON.stringify(config));
        wrapper.appendChild(frame);
        node.appendChild(wrapper);
        this._frame = frame;
        this._container = wrapper;
        window.addEventListener('message', this._onMessage);
        var self = this;
        frame.addEventListener('error', function () {
            self._emit('loaderror', { elementType: 'payment', error: { type: 'api_connection_error', message: 'The payment form could not be loaded.' } });
        });
    };

    PaymentElement.prototype.unmount = function () {
        window.removeEventListener('message', this._onMessage);
        if (this._container && this._container.parentNode) {
            this._container.parentNode.removeChild(this._container);
        }
        this._frame = null;
        this._container = null;
        this._ready = false;
    };
    PaymentElement.prototype.destroy = function () {
        this.unmount();
        this._elements._element = null;
    };
    PaymentElement.prototype.update = function () { };
    PaymentElement.prototype.collapse = function () { };
    PaymentElement.prototype.focus = function () { this._post({ type: 'focus' }); };
    PaymentElement.prototype.blur = function () { this._post({ type: 'blur' }); };
    PaymentElement.prototype.clear = function () { this._post({ type: 'clear' }); };

    PaymentElement.prototype._post = function (message) {
        if (this._frame && this._frame.contentWindow) {
            message.__shopSandboxStripe = this._id;
            this._frame.contentWindow.postMessage(message, ORIGIN);
        }
    };

    // Sends a request to the frame and resolves with its answer.
    PaymentElement.prototype._ask = function (type, payload) {
        var self = this;
        return new Promise(function (resolve) {
            var requestId = 'rq' + (nextId++);
            self._pending[requestId] = resolve;
            var send = function () {
                self._post({ type: type, requestId: requestId, payload: payload || {} });
            };
            if (self._ready) {
                send();
            } else {
                self.once('ready', send);
            }
        });
    };

    PaymentElement.prototype._onMessage = function (event) {
        if (!this._frame || event.source !== this._frame.contentWindow || event.origin !== ORIGIN) {
            return;
        }
        var message = event.data;
        if (!message || message.__shopSandboxStripe !== this._id) {
            return;
        }
        switch (message.type) {
        case 'ready':
            this._ready = true;
            this._emit('ready', { elementType: 'payment' });
            break;
        case 'change':
            this._emit('change', message.payload);
            break;
        case 'focus':
        case 'blur':
            this._emit(message.type, { elementType: 'payment' });
            break;
        case 'resize':
            if (this._frame && message.payload && message.payload.height > 0) {
                this._frame.style.height = Math.ceil(message.payload.height) + 'px';
            }
            break;
        case 'answer':
            var resolve = this._pending[message.requestId];
            if (resolve) {
                delete this._pending[message.requestId];
                resolve(message.payload);
            }
            break;
        }
    };

    // ---- Elements -------------------------------------------------------------------------------
    function Elements(stripe, options) {
        this._stripe = stripe;
        this._clientSecret = options.clientSecret;
        this._appearance = options.appearance;
        this._element = null;
    }
    Elements.prototype.create = function (type, options) {
        if (type !== 'payment') {
            throw IntegrationError('shop-sandbox: elements.create(\'' + type + '\') is not emulated; use the \'payment\' Element.');
        }
        if (!this._clientSecret) {
            throw IntegrationError('In order to create a payment element, you must pass a valid PaymentIntent or SetupIntent client secret when creating the Elements group.\n\n  e.g. stripe.elements({clientSecret: "{{CLIENT_SECRET}}"})');
        }
        if (this._element) {
            throw IntegrationError('Can only create one Element of type payment.');
        }
        this._element = new PaymentElement(this, options);
        return this._element;
    };
    Elements.prototype.getElement = function (type) {
        return type === 'payment' ? this._element : null;
    };
    Elements.prototype.update = function (options) {
        if (options && options.appearance) {
            this._appearance = options.appearance;
        }
    };
    Elements.prototype.fetchUpdates = function () {
        return Promise.resolve({});
    };
    Elements.prototype.submit = function () {
        if (!this._element || !this._element._frame) {
            return Promise.reject(IntegrationError('elements.submit(): no mounted payment Element.'));
        }
        return this._element._ask('validate');
    };

    // ---- Stripe ---------------------------------------------------------------------------------
    function Stripe(key, options) {
        if (!(this instanceof Stripe)) {
            return new Stripe(key, options);
        }
        if (typeof key !== 'string' || key === '') {
            throw IntegrationError('Invalid value for Stripe(): apiKey should be a string. You specified: ' + key + '.');
        }
        if (key.indexOf('sk_') === 0) {
            throw IntegrationError('You should not use your secret key with Stripe.js.\nPlease pass a publishable key instead.');
        }
        this._key = key;
        this._apiVersion = (options && options.apiVersion) || null;
    }
    Stripe.__shopSandbox = true;
    Stripe.version = 3;

    Stripe.prototype.elements = function (options) {
        return new Elements(this, options || {});
    };

    Stripe.prototype.confirmPayment = function (options) {
        options = options || {};
        var elements = options.elements;
        var element = elements && elements.getElement ? elements.getElement('payment') : null;
        if (!element || !element._frame) {
            return Promise.reject(IntegrationError('stripe.confirmPayment(): expected `elements` with a mounted payment Element.'));
        }
        var confirmParams = options.confirmParams || {};
        var redirect = options.redirect || 'always';
        if (redirect !== 'always' && redirect !== 'if_required') {
            return Promise.reject(IntegrationError('stripe.confirmPayment(): redirect must be \'always\' or \'if_required\'.'));
        }
        if (redirect === 'always' && !confirmParams.return_url) {
            return Promise.reject(IntegrationError('stripe.confirmPayment(): the `confirmParams.return_url` argument is required unless passing `redirect: \'if_required\'`'));
        }
        var params = {
            return_url: confirmParams.return_url || null,
            receipt_email: confirmParams.receipt_email || null,
            billing_details: (confirmParams.payment_method_data || {}).billing_details || null
        };
        return element._ask('confirm', params).then(function (result) {
            if (result && result.paymentIntent && redirect === 'always' && confirmParams.return_url) {
                var url = new URL(confirmParams.return_url, window.location.href);
                url.searchParams.set('payment_intent', result.paymentIntent.id);
                url.searchParams.set('payment_intent_client_secret', result.paymentIntent.client_secret);
                url.searchParams.set('redirect_status', result.paymentIntent.status === 'succeeded' ? 'succeeded' : 'failed');
                window.location.assign(url.toString());
                return new Promise(function () { }); // the page goes away
            }
            return result;
        });
    };

    Stripe.prototype.retrievePaymentIntent = function (clientSecret) {
        var id = intentIdOf(clientSecret);
        if (!id) {
            return Promise.reject(IntegrationError('Invalid value for retrievePaymentIntent: clientSecret should be a client secret of the form ${id}_secret_${secret}. You specified: ' + clientSecret + '.'));
        }
        return request('GET', '/v1/payment_intents/' + encodeURIComponent(id),
                       { key: this._key, client_secret: clientSecret }).then(function (answer) {
            return answer.ok ? { paymentIntent: answer.json } : { error: answer.json.error };
        });
    };

    window.Stripe = Stripe;
})();
