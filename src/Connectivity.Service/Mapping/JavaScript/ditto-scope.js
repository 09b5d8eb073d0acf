/*
 * The scope every JavaScript mapping runs in (spec §7.2): the `Ditto` helper object and the stand-ins for the
 * typed arrays Jint 2.x lacks.
 *
 * Byte payloads: Jint 2.x implements ES5 only, so there is no ArrayBuffer, Uint8Array or DataView. A byte payload
 * is a plain array of numbers 0..255 with a `byteLength` property; `new ArrayBuffer(n)` and `new Uint8Array(x)`
 * return such arrays (a copy of `x`, or `n` zeros), so the usual idioms (`new Uint8Array(bytePayload)[i]`,
 * `Ditto.arrayBufferToString(bytePayload)`, `bufView[i] = ...`) keep working. Values written are taken modulo 256
 * when the engine reads a returned bytePayload.
 */
function ArrayBuffer(length) {
  var bytes = [];
  for (var i = 0; i < length; i++) {
    bytes.push(0);
  }
  bytes.byteLength = bytes.length;
  return bytes;
}

function Uint8Array(source) {
  if (typeof source === 'number') {
    return new ArrayBuffer(source);
  }
  var bytes = Array.prototype.slice.call(source || []);
  bytes.byteLength = bytes.length;
  return bytes;
}

var Ditto = (function () {
  function buildTopic(namespace, name, group, channel, criterion, action) {
    var topicChannel = 'none' === channel ? '' : '/' + channel;
    return namespace + '/' + name + '/' + group + topicChannel + '/' + criterion + '/' + action;
  }

  function buildDittoProtocolMsg(namespace, name, group, channel, criterion, action, path, dittoHeaders, value, status, extra) {
    return {
      topic: buildTopic(namespace, name, group, channel, criterion, action),
      path: path,
      headers: dittoHeaders,
      value: value,
      status: status,
      extra: extra
    };
  }

  function buildExternalMsg(headers, textPayload, bytePayload, contentType) {
    return {
      headers: headers,
      textPayload: textPayload,
      bytePayload: bytePayload,
      contentType: contentType
    };
  }

  // One character per byte (as Ditto's helper does), converted in chunks so large payloads need few statements.
  function arrayBufferToString(arrayBuffer) {
    var bytes = new Uint8Array(arrayBuffer);
    var text = '';
    for (var i = 0; i < bytes.length; i += 8192) {
      text += String.fromCharCode.apply(null, bytes.slice(i, i + 8192));
    }
    return text;
  }

  function stringToArrayBuffer(string) {
    var bytes = new ArrayBuffer(string.length);
    for (var i = 0, length = string.length; i < length; i++) {
      bytes[i] = string.charCodeAt(i) & 0xFF;
    }
    return bytes;
  }

  function asByteBuffer() {
    throw new Error('Ditto.asByteBuffer needs bytebuffer.js, which this mapping engine does not provide');
  }

  return {
    buildTopic: buildTopic,
    buildDittoProtocolMsg: buildDittoProtocolMsg,
    buildExternalMsg: buildExternalMsg,
    arrayBufferToString: arrayBufferToString,
    stringToArrayBuffer: stringToArrayBuffer,
    asByteBuffer: asByteBuffer
  };
})();
