package dev.corvid.server.etl.transform;

import org.graalvm.polyglot.Source;

/**
 * The JavaScript side of the ETL runtime, evaluated once per context. It defines the script API as
 * globals ({@code load}, {@code loadTo…}, {@code output}, …) and returns an object with the three
 * entry points Java calls:
 *
 * <ul>
 *   <li>{@code run(docJson)} — parses the document, runs the script body with {@code this} bound to it
 *       and returns everything the run produced as <em>one</em> string of fields separated by
 *       {@code U+0001}: the number of items, then per item its target (the index in the script's
 *       targets), the object's JSON and the attachments' JSON {@code [[source,destination],…]} (empty
 *       when none), then the {@code output()} lines as a JSON array (no field when none). JSON text
 *       never holds a raw control character, so the separator cannot occur in a field. The fields go
 *       into the result with one {@code join}, copied once; Java slices the objects out without
 *       parsing them (see {@link ScriptResults});</li>
 *   <li>{@code takeOutput()} — after a failed run: the {@code output()} lines collected so far, as JSON;</li>
 *   <li>{@code shouldDelete(id, collection, deleted)} — runs the delete-behaviour function.</li>
 * </ul>
 *
 * <p>Values cross the Java/JavaScript boundary as JSON text only, which keeps crossings to two per
 * document (plus one per {@code load()}). Objects given to {@code loadTo} are serialized at the call,
 * like RavenDB does, so later changes to them do not leak into the emitted document. The built-ins the
 * runtime relies on are captured up front, so a script replacing {@code JSON.stringify} only hurts itself.
 */
final class ScriptPrelude {
    static final String ATTACHMENT_MARKER = "$attachment/";
    /** Between the fields of {@code run}'s result. */
    static final char SEPARATOR = '\u0001';

    /** Where the field of {@code result} that starts at {@code from} ends: at the next separator, or at the end. */
    static int fieldEnd(String result, int from) {
        int separator = result.indexOf(SEPARATOR, from);
        return separator < 0 ? result.length() : separator;
    }

    static final Source SOURCE = Source.newBuilder("js", """
            (function (kind, body, hostLoad, targetsJson) {
              'use strict';
              var global = globalThis;
              var stringify = JSON.stringify, parse = JSON.parse, isArray = Array.isArray;
              var MARKER = '$attachment/';
              var targets = parse(targetsJson);
              var allTargets = {};
              var SEPARATOR = '\\u0001';
              var FLAT = '\\u0002';
              var state = null;
              var behaviors = null;

              ['Java', 'Packages', 'java', 'javax', 'Graal', 'loadWithNewGlobal', 'print', 'printErr', 'console']
                .forEach(function (name) { try { delete global[name]; } catch (e) { /* not configurable */ } });

              function typeName(value) {
                if (value === null) return 'Null';
                if (isArray(value)) return 'Array';
                var t = typeof value;
                return t.charAt(0).toUpperCase() + t.substring(1);
              }

              // Field texts made once: a target's index, an item count, a flat row's mark and property count.
              var SMALL = [];
              var FLATS = [];
              for (var c = 0; c < 64; c++) { SMALL[c] = String(c); FLATS[c] = FLAT + c; }

              function emit(target, obj) {
                if (obj === null || typeof obj !== 'object' || isArray(obj)) {
                  throw new TypeError('loadTo' + target + '() expects an object but got ' + typeName(obj));
                }
                var index = allTargets[target];
                if (kind === 'SQL') {
                  // straight into run()'s result fields: the target, the row, no attachments (SQL rows carry them as values)
                  // (a getter or toJSON that throws leaves nothing behind, should the script catch it)
                  var out = state.out;
                  var start = out.length;
                  var written = false;
                  try {
                    out[start] = index < 64 ? SMALL[index] : String(index);
                    var count = flatRow(obj, out, start + 2);
                    if (count >= 0) {
                      out[start + 1] = count < 64 ? FLATS[count] : FLAT + count;
                    } else {
                      out.length = start + 1;
                      out[start + 1] = objectJson(target, obj);
                    }
                    out[out.length] = '';
                    written = true;
                  } finally {
                    if (!written) out.length = start;
                  }
                  state.count++;
                  return undefined;
                }
                var item = { t: index, d: objectJson(target, obj), a: [] };
                state.items[state.items.length] = item;
                return reference(item);
              }

              function objectJson(target, obj) {
                var json = stringify(obj);
                if (typeof json !== 'string' || json.charAt(0) !== '{') {
                  throw new TypeError('loadTo' + target + '() expects an object that serializes to a JSON object, but its toJSON() gave '
                    + typeName(json === undefined ? undefined : parse(json)));
                }
                return json;
              }

              // An SQL row of strings, finite numbers, booleans and nulls: its properties' name, tag and value
              // written into out from index n on (see FlatRow); returns how many properties, or -1: send it
              // as JSON (what it wrote is then cut off by the caller).
              function flatRow(obj, out, n) {
                if (typeof obj.toJSON === 'function') return -1;
                var keys = Object.keys(obj);
                var count = 0;
                for (var i = 0; i < keys.length; i++) {
                  var key = keys[i];
                  var value = obj[key];
                  var tag;
                  switch (typeof value) {
                    case 'string':
                      if (value.indexOf(SEPARATOR) >= 0) return -1;
                      tag = 's';
                      break;
                    case 'number':
                      if (value === value && value !== Infinity && value !== -Infinity) {
                        tag = 'd';
                      } else {
                        tag = 'n';
                        value = '';
                      }
                      break;
                    case 'boolean':
                      tag = value ? 't' : 'f';
                      value = '';
                      break;
                    case 'undefined':
                    case 'function':
                    case 'symbol':
                      continue;
                    default:
                      if (value !== null) return -1;
                      tag = 'n';
                      value = '';
                  }
                  if (key.indexOf(SEPARATOR) >= 0) return -1;
                  out[n++] = key;
                  out[n++] = tag;
                  out[n++] = value;
                  count++;
                }
                return count;
              }

              function reference(item) {
                return {
                  addAttachment: function (first, second) {
                    var name, ref;
                    if (arguments.length === 1) { ref = first; }
                    else if (arguments.length === 2) { name = first; ref = second; }
                    else throw new Error('addAttachment() expects ([name,] attachmentReference) but got ' + arguments.length + ' arguments');
                    if (ref === null || ref === undefined) return this;
                    if (typeof ref !== 'string' || ref.indexOf(MARKER) !== 0) {
                      throw new Error("addAttachment() method expects to get the reference to an attachment while it got argument of '"
                        + typeName(ref) + "' type");
                    }
                    var source = ref.substring(MARKER.length);
                    if (name !== undefined && (typeof name !== 'string' || name.length === 0)) {
                      throw new TypeError('addAttachment(name, reference): name must be a non-empty string but got ' + typeName(name));
                    }
                    item.a[item.a.length] = [source, name === undefined ? source : name];
                    return this;
                  }
                };
              }

              function attachment(name) {
                var list = state.attachments;
                for (var i = 0; i < list.length; i++) {
                  if (list[i] && list[i].Name === name) return list[i];
                }
                return null;
              }

              function metadataOf(doc, fn) {
                if (doc === null || typeof doc !== 'object') {
                  throw new TypeError(fn + '(doc) expects a document object but got ' + typeName(doc));
                }
                var metadata = doc['@metadata'];
                return metadata !== null && typeof metadata === 'object' ? metadata : null;
              }

              global.id = function (doc) {
                var metadata = metadataOf(doc, 'id');
                return metadata && typeof metadata['@id'] === 'string' ? metadata['@id'] : null;
              };
              global.getMetadata = function (doc) {
                return metadataOf(doc, 'getMetadata');
              };
              global.load = function (id) {
                if (isArray(id)) return id.map(function (one) { return global.load(one); });
                if (id === null || id === undefined) return null;
                if (typeof id !== 'string') throw new TypeError('load(id) expects a string id or an array of ids but got ' + typeName(id));
                var json = hostLoad(id);
                return json === null || json === undefined ? null : parse(json);
              };
              global.output = function (value) {
                var text = typeof value === 'string' ? value
                  : value !== null && typeof value === 'object' ? stringify(value) : String(value);
                state.output[state.output.length] = text;
              };
              global.loadTo = function (target, obj) {
                if (typeof target !== 'string' || !Object.prototype.hasOwnProperty.call(allTargets, target)) {
                  throw new TypeError("loadTo(name, obj): name must be written as a string literal in the script, e.g. loadTo('Orders', obj); got "
                    + (typeof target === 'string' ? "'" + target + "'" : typeName(target)));
                }
                return emit(target, obj);
              };
              targets.all.forEach(function (target, index) { allTargets[target] = index; });
              targets.identifiers.forEach(function (target) {
                global['loadTo' + target] = function (obj) { return emit(target, obj); };
              });
              global.getAttachments = function () {
                return state.attachments.map(function (a) {
                  return { Name: a.Name, Hash: a.Hash, ContentType: a.ContentType, Size: a.Size };
                });
              };
              global.hasAttachment = function (name) {
                return attachment(name) !== null;
              };
              global.loadAttachment = function (name) {
                return attachment(name) !== null ? MARKER + name : null;
              };

              if (kind === 'SQL') {
                var typed = function (type, args) {
                  if (typeof args[0] !== 'string') throw new TypeError('varchar() / nvarchar(): first argument must be a string');
                  if (args.length > 1 && typeof args[1] !== 'number') throw new TypeError('varchar() / nvarchar(): second argument must be a number');
                  return { Type: type, Value: args[0], Size: args.length > 1 ? args[1] : 50 };
                };
                global.varchar = function () { return typed('AnsiString', arguments); };
                global.nvarchar = function () { return typed('String', arguments); };
              }

              function begin(attachments) {
                state = { items: [], out: [''], count: 0, output: [], attachments: isArray(attachments) ? attachments : [] };
              }

              function run(docJson) {
                var doc = parse(docJson);
                var metadata = doc['@metadata'];
                begin(metadata && typeof metadata === 'object' ? metadata['@attachments'] : null);
                body.call(doc, 0);
                var fields = state.out;
                if (kind === 'SQL') {
                  fields[0] = state.count < 64 ? SMALL[state.count] : String(state.count);
                } else {
                  var items = state.items;
                  fields[0] = items.length;
                  for (var i = 0; i < items.length; i++) {
                    var item = items[i];
                    fields[fields.length] = item.t;
                    fields[fields.length] = item.d;
                    fields[fields.length] = item.a.length > 0 ? stringify(item.a) : '';
                  }
                }
                if (state.output.length > 0) fields[fields.length] = stringify(state.output);
                state = null;
                return fields.join(SEPARATOR);
              }

              function takeOutput() {
                var lines = state === null ? [] : state.output;
                state = null;
                return stringify(lines);
              }

              function shouldDelete(id, collection, deleted) {
                if (behaviors === null) {
                  behaviors = { generic: null, byCollection: {} };
                  body(1).forEach(function (entry) {
                    if (typeof entry[1] !== 'function') return;
                    if (entry[0] === null) behaviors.generic = entry[1];
                    else behaviors.byCollection[entry[0].toLowerCase()] = entry[1];
                  });
                }
                begin([]);
                var specific = behaviors.byCollection[collection.toLowerCase()];
                var result = specific ? specific(id, deleted)
                  : behaviors.generic ? behaviors.generic(id, collection, deleted) : true;
                state = null;
                return result ? true : false;
              }

              return { run: run, takeOutput: takeOutput, shouldDelete: shouldDelete };
            })
            """, "corvid-etl-runtime.js").buildLiteral();

    private ScriptPrelude() {
    }
}
