// Static analysis of a user script, run by ScriptValidator inside a GraalJS context that has
// already loaded acorn (global `acorn`). Evaluating this file yields `analyze(code, optionsJson)`,
// which returns JSON facts; the Java side judges them against ApiIndex, so no API list lives here.
(function (acorn) {
    'use strict';

    var HINTS = {
        let: ' (use var)',
        const: ' (use var)',
        'arrow function': ' (use function () { ... })',
        'template literal': " (concatenate strings with '+')",
        class: ' (use a constructor function)'
    };

    function pos(node) {
        return { line: node.loc.start.line, column: node.loc.start.column + 1 };
    }

    function isNode(v) {
        return v !== null && typeof v === 'object' && typeof v.type === 'string';
    }

    // Calls fn(child) for every AST node directly below node.
    function eachChild(node, fn) {
        Object.keys(node).forEach(function (key) {
            if (key === 'loc') {
                return;
            }
            var v = node[key];
            if (Array.isArray(v)) {
                v.forEach(function (c) {
                    if (isNode(c)) {
                        fn(c);
                    }
                });
            } else if (isNode(v)) {
                fn(v);
            }
        });
    }

    // ---------------------------------------------------------------- syntax and ES6 detection

    // Names the ES2015+ construct a node is, or null when the node is plain ES5.
    function es6Name(n) {
        switch (n.type) {
            case 'VariableDeclaration':
                return n.kind === 'var' ? null : n.kind;
            case 'ArrowFunctionExpression':
                return 'arrow function';
            case 'ClassDeclaration':
            case 'ClassExpression':
                return 'class';
            case 'TemplateLiteral':
                return 'template literal';
            case 'TaggedTemplateExpression':
                return 'tagged template';
            case 'FunctionDeclaration':
            case 'FunctionExpression':
                return n.async ? 'async function' : n.generator ? 'generator function' : null;
            case 'ForOfStatement':
                return 'for...of loop';
            case 'SpreadElement':
                return 'spread syntax (...)';
            case 'RestElement':
                return 'rest parameter (...)';
            case 'ObjectPattern':
            case 'ArrayPattern':
                return 'destructuring';
            case 'AssignmentPattern':
                return 'default parameter value';
            case 'Property':
                return n.computed ? 'computed property name'
                    : n.method ? 'method shorthand' : n.shorthand ? 'shorthand property' : null;
            case 'ChainExpression':
                return 'optional chaining (?.)';
            case 'LogicalExpression':
                return n.operator === '??' ? 'nullish coalescing (??)' : null;
            case 'BinaryExpression':
                return n.operator === '**' ? 'exponent operator (**)' : null;
            case 'AssignmentExpression':
                return n.operator === '**=' ? 'exponent operator (**)'
                    : /^(&&|\|\||\?\?)=$/.test(n.operator) ? 'logical assignment' : null;
            case 'Literal':
                if (n.bigint !== undefined) {
                    return 'BigInt literal';
                }
                if (n.regex && /[^gim]/.test(n.regex.flags)) {
                    return 'regular expression flag';
                }
                if (typeof n.raw === 'string' && /^0[bBoO]/.test(n.raw)) {
                    return 'binary or octal literal';
                }
                return typeof n.raw === 'string' && n.raw.indexOf('\\u{') >= 0
                    ? 'unicode escape \\u{...}' : null;
            case 'CatchClause':
                return n.param ? null : 'catch without a binding';
            case 'MetaProperty':
                return 'new.target';
            case 'AwaitExpression':
                return 'await';
            case 'YieldExpression':
                return 'yield';
            case 'ImportExpression':
                return 'import()';
            default:
                return null;
        }
    }

    // Every ES2015+ construct of a script that parses as modern JavaScript, in source order.
    function es6Constructs(code) {
        var ast;
        try {
            ast = acorn.parse(code, { ecmaVersion: 'latest', locations: true, sourceType: 'script' });
        } catch (e) {
            if (e instanceof SyntaxError) {
                return [];
            }
            throw e;
        }
        var found = [];
        (function visit(n) {
            var what = es6Name(n);
            if (what) {
                var p = pos(n);
                found.push({ line: p.line, column: p.column, start: n.start, construct: what,
                    message: what + ' is ES6 syntax; scripts must be ES5' + (HINTS[what] || '') });
            }
            if (n.type === 'ObjectPattern' || n.type === 'ArrayPattern') {
                return;
            }
            if (n.type === 'TaggedTemplateExpression') {
                visit(n.tag);
                n.quasi.expressions.forEach(visit);
                return;
            }
            eachChild(n, visit);
        })(ast);
        found.sort(function (a, b) { return a.start - b.start; });
        return found;
    }

    function syntaxProblems(code, e) {
        var es6 = es6Constructs(code);
        if (es6.length > 0) {
            return es6.map(function (c) {
                return { es6: true, line: c.line, column: c.column, message: c.message };
            });
        }
        var loc = e.loc || { line: 1, column: 0 };
        var message = String(e.message).replace(/\s*\(\d+:\d+\)$/, '');
        return [{ es6: false, line: loc.line, column: loc.column + 1, message: message }];
    }

    // ---------------------------------------------------------------- scopes

    function Scope(parent, isProgram) {
        this.parent = parent;
        this.isProgram = isProgram;
        this.names = new Set();
    }

    Scope.prototype.resolve = function (name) {
        for (var s = this; s; s = s.parent) {
            if (s.names.has(name)) {
                return s;
            }
        }
        return null;
    };

    // Adds the var and function declarations of a function body (ES5 hoisting) to scope.
    function hoist(node, scope) {
        if (!isNode(node)) {
            return;
        }
        switch (node.type) {
            case 'VariableDeclaration':
                node.declarations.forEach(function (d) { scope.names.add(d.id.name); });
                return;
            case 'FunctionDeclaration':
                scope.names.add(node.id.name);
                return;
            case 'Program':
            case 'BlockStatement':
                node.body.forEach(function (s) { hoist(s, scope); });
                return;
            case 'IfStatement':
                hoist(node.consequent, scope);
                hoist(node.alternate, scope);
                return;
            case 'ForStatement':
                hoist(node.init, scope);
                hoist(node.body, scope);
                return;
            case 'ForInStatement':
                hoist(node.left, scope);
                hoist(node.body, scope);
                return;
            case 'WhileStatement':
            case 'DoWhileStatement':
            case 'LabeledStatement':
            case 'WithStatement':
                hoist(node.body, scope);
                return;
            case 'TryStatement':
                hoist(node.block, scope);
                hoist(node.handler && node.handler.body, scope);
                hoist(node.finalizer, scope);
                return;
            case 'SwitchStatement':
                node.cases.forEach(function (c) {
                    c.consequent.forEach(function (s) { hoist(s, scope); });
                });
                return;
            default:
                return;
        }
    }

    // ---------------------------------------------------------------- fact collection

    function Analysis(opts) {
        this.perItemHooks = new Set(opts.perItemHooks);
        this.scheduleHelper = opts.scheduleHelper;
        this.reads = new Map();
        this.assigned = new Set();
        this.paths = new Map();
        this.functions = [];
        this.mapWrites = [];
        this.mapResets = new Set();
    }

    // Global names: unresolved here, or declared at program level.
    Analysis.prototype.isGlobal = function (name, scope) {
        var s = scope.resolve(name);
        return s === null || s.isProgram;
    };

    // The dotted path of a chain of non-computed member accesses on an undeclared global.
    Analysis.prototype.staticPath = function (node, scope) {
        var names = [];
        while (node.type === 'MemberExpression' && !node.computed) {
            names.unshift(node.property.name);
            node = node.object;
        }
        if (node.type !== 'Identifier' || scope.resolve(node.name) !== null) {
            return null;
        }
        names.unshift(node.name);
        return names.join('.');
    };

    Analysis.prototype.run = function (ast) {
        var program = new Scope(null, true);
        hoist(ast, program);
        var ctx = { hook: null, job: false, fnDepth: 0, inWith: false };
        var self = this;
        ast.body.forEach(function (s) { self.topLevel(s, program, ctx); });
        var declared = [];
        program.names.forEach(function (n) { declared.push(n); });
        return {
            syntax: [],
            reads: Array.from(this.reads.values()),
            assigned: Array.from(this.assigned),
            declared: declared,
            paths: Array.from(this.paths.values()),
            functions: this.functions,
            mapWrites: this.mapWrites,
            mapResets: Array.from(this.mapResets)
        };
    };

    // Top-level statements define the hooks: function onX() {}, var onX = function () {}.
    Analysis.prototype.topLevel = function (s, scope, ctx) {
        var self = this;
        if (s.type === 'FunctionDeclaration') {
            this.functions.push(Object.assign({ name: s.id.name }, pos(s)));
            this.fn(s, scope, this.hookCtx(s.id.name, ctx));
        } else if (s.type === 'VariableDeclaration') {
            s.declarations.forEach(function (d) {
                if (d.init && d.init.type === 'FunctionExpression') {
                    self.functions.push(Object.assign({ name: d.id.name }, pos(d)));
                    self.fn(d.init, scope, self.hookCtx(d.id.name, ctx));
                } else {
                    self.visit(d.init, scope, ctx);
                }
            });
        } else if (s.type === 'ExpressionStatement' && s.expression.type === 'AssignmentExpression'
                && s.expression.operator === '=' && s.expression.left.type === 'Identifier'
                && s.expression.right.type === 'FunctionExpression') {
            var a = s.expression;
            this.target(a.left, scope, ctx, true);
            this.functions.push(Object.assign({ name: a.left.name }, pos(a)));
            this.fn(a.right, scope, this.hookCtx(a.left.name, ctx));
        } else {
            this.visit(s, scope, ctx);
        }
    };

    Analysis.prototype.hookCtx = function (name, ctx) {
        return this.perItemHooks.has(name) ? Object.assign({}, ctx, { hook: name }) : ctx;
    };

    Analysis.prototype.fn = function (node, scope, ctx) {
        var inner = new Scope(scope, false);
        if (node.type === 'FunctionExpression' && node.id) {
            inner.names.add(node.id.name);
        }
        inner.names.add('arguments');
        node.params.forEach(function (p) { inner.names.add(p.name); });
        hoist(node.body, inner);
        this.visit(node.body, inner, Object.assign({}, ctx, { fnDepth: ctx.fnDepth + 1 }));
    };

    Analysis.prototype.read = function (id, scope, ctx) {
        if (ctx.inWith || scope.resolve(id.name) !== null || this.reads.has(id.name)) {
            return;
        }
        this.reads.set(id.name, Object.assign({ name: id.name }, pos(id)));
    };

    Analysis.prototype.member = function (node, scope, ctx, isCallee) {
        var chain = [];
        var base = node;
        while (base.type === 'MemberExpression') {
            chain.unshift(base);
            base = base.object;
        }
        var self = this;
        chain.forEach(function (m) {
            if (m.computed) {
                self.visit(m.property, scope, ctx);
            }
        });
        if (base.type !== 'Identifier') {
            this.visit(base, scope, ctx);
            return;
        }
        this.read(base, scope, ctx);
        if (ctx.inWith || scope.resolve(base.name) !== null) {
            return;
        }
        var names = [base.name];
        for (var i = 0; i < chain.length && !chain[i].computed; i++) {
            names.push(chain[i].property.name);
        }
        if (names.length < 2) {
            return;
        }
        var call = isCallee && names.length === chain.length + 1;
        var perItem = ctx.job ? null : ctx.hook;
        var path = names.join('.');
        var key = path + '|' + call + '|' + perItem;
        if (!this.paths.has(key)) {
            this.paths.set(key, Object.assign({ path: path, call: call, perItem: perItem }, pos(base)));
        }
    };

    // An assignment or update target; `plain` is true for `x = ...`, which defines a global.
    Analysis.prototype.target = function (node, scope, ctx, plain) {
        if (node.type === 'Identifier') {
            var s = scope.resolve(node.name);
            if (s === null && plain && !ctx.inWith) {
                this.assigned.add(node.name);
            } else if (!plain) {
                this.read(node, scope, ctx);
            }
            if ((s === null || s.isProgram) && ctx.fnDepth > 0) {
                this.mapResets.add(node.name);
            }
            return;
        }
        if (node.type === 'MemberExpression' && node.computed && node.object.type === 'Identifier'
                && node.property.type !== 'Literal' && ctx.hook && !ctx.job
                && this.isGlobal(node.object.name, scope)) {
            this.mapWrites.push(Object.assign({ name: node.object.name, hook: ctx.hook }, pos(node)));
        }
        this.visit(node, scope, ctx);
    };

    Analysis.prototype.visitAll = function (nodes, scope, ctx) {
        var self = this;
        nodes.forEach(function (n) { self.visit(n, scope, ctx); });
    };

    Analysis.prototype.visit = function (n, scope, ctx) {
        if (!isNode(n)) {
            return;
        }
        var self = this;
        switch (n.type) {
            case 'Identifier':
                this.read(n, scope, ctx);
                return;
            case 'FunctionDeclaration':
            case 'FunctionExpression':
                this.fn(n, scope, ctx);
                return;
            case 'MemberExpression':
                this.member(n, scope, ctx, false);
                return;
            case 'CallExpression':
            case 'NewExpression':
                this.call(n, scope, ctx);
                return;
            case 'AssignmentExpression':
                this.target(n.left, scope, ctx, n.operator === '=');
                this.visit(n.right, scope, ctx);
                return;
            case 'UpdateExpression':
                this.target(n.argument, scope, ctx, false);
                return;
            case 'UnaryExpression':
                this.unary(n, scope, ctx);
                return;
            case 'VariableDeclarator':
                this.visit(n.init, scope, ctx);
                return;
            case 'ForInStatement':
                if (n.left.type === 'VariableDeclaration') {
                    this.visit(n.left, scope, ctx);
                } else {
                    this.target(n.left, scope, ctx, true);
                }
                this.visit(n.right, scope, ctx);
                this.visit(n.body, scope, ctx);
                return;
            case 'CatchClause':
                var c = new Scope(scope, false);
                c.names.add(n.param.name);
                this.visit(n.body, c, ctx);
                return;
            case 'WithStatement':
                this.visit(n.object, scope, ctx);
                this.visit(n.body, scope, Object.assign({}, ctx, { inWith: true }));
                return;
            case 'Property':
                this.visit(n.value, scope, ctx);
                return;
            case 'LabeledStatement':
                this.visit(n.body, scope, ctx);
                return;
            case 'BreakStatement':
            case 'ContinueStatement':
                return;
            default:
                eachChild(n, function (c) { self.visit(c, scope, ctx); });
        }
    };

    Analysis.prototype.call = function (n, scope, ctx) {
        if (n.callee.type === 'MemberExpression') {
            this.member(n.callee, scope, ctx, true);
        } else {
            this.visit(n.callee, scope, ctx);
        }
        var isSchedule = n.type === 'CallExpression' && n.callee.type === 'MemberExpression'
            && this.staticPath(n.callee, scope) === this.scheduleHelper;
        var argCtx = isSchedule ? Object.assign({}, ctx, { job: true }) : ctx;
        this.visitAll(n.arguments, scope, argCtx);
    };

    Analysis.prototype.unary = function (n, scope, ctx) {
        var arg = n.argument;
        if (n.operator === 'typeof' && (arg.type === 'Identifier' || arg.type === 'MemberExpression')) {
            // Feature tests such as typeof module === 'undefined' are legal on undeclared names.
            if (arg.type === 'MemberExpression') {
                this.visit(arg.object, scope, ctx);
            }
            return;
        }
        if (n.operator === 'delete' && arg.type === 'MemberExpression'
                && arg.object.type === 'Identifier' && this.isGlobal(arg.object.name, scope)) {
            this.mapResets.add(arg.object.name);
        }
        this.visit(arg, scope, ctx);
    };

    return function analyze(code, optionsJson) {
        var ast;
        try {
            ast = acorn.parse(code, { ecmaVersion: 5, locations: true, sourceType: 'script' });
        } catch (e) {
            if (!(e instanceof SyntaxError)) {
                throw e;
            }
            return JSON.stringify({ syntax: syntaxProblems(code, e) });
        }
        return JSON.stringify(new Analysis(JSON.parse(optionsJson)).run(ast));
    };
})(acorn);
