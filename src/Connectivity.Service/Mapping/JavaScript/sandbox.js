/*
 * Runs first in every mapping engine, after the engine installed its depth-checked JSON.parse / JSON.stringify:
 * removes eval and the Function constructor (code built from strings at run time would escape the script size
 * limit and the parse-time checks) and defines the two entry points the engine invokes. They take and return JSON
 * text, so no engine object crosses into .NET, and describe the result's kind so the engine can reject garbage.
 * The entry points are read-only: a script that declares functions of the same name fails to load.
 */
(function (global) {
  function unavailable(name) {
    var f = function () {
      throw new Error(name + ' is not available in the mapping sandbox');
    };
    return f;
  }

  var noFunction = unavailable('The Function constructor');
  noFunction.prototype = Function.prototype;
  Function.prototype.constructor = noFunction;
  global.Function = noFunction;
  global.eval = unavailable('eval');

  var parse = JSON.parse;
  var stringify = JSON.stringify;
  var isArray = Array.isArray;

  function describe(result) {
    if (result === null || result === undefined) {
      return null;
    }
    return stringify({ kind: isArray(result) ? 'array' : typeof result, value: result });
  }

  function incoming(externalMsgJson) {
    var externalMsg = parse(externalMsgJson);
    if (isArray(externalMsg.bytePayload)) {
      externalMsg.bytePayload.byteLength = externalMsg.bytePayload.length;
    }
    return describe(global.mapToDittoProtocolMsgWrapper(externalMsg));
  }

  function outgoing(dittoProtocolMsgJson) {
    return describe(global.mapFromDittoProtocolMsgWrapper(parse(dittoProtocolMsgJson)));
  }

  Object.defineProperty(global, '__dittoMapIncoming', { value: incoming, writable: false, configurable: false });
  Object.defineProperty(global, '__dittoMapOutgoing', { value: outgoing, writable: false, configurable: false });
})(this);
