/*
 * The entry points of a JavaScript mapping (spec §7.2). The engine calls mapToDittoProtocolMsgWrapper(externalMsg)
 * inbound and mapFromDittoProtocolMsgWrapper(dittoProtocolMsg) outbound; the default wrappers unpack their argument
 * and delegate to the user's mapToDittoProtocolMsg / mapFromDittoProtocolMsg. A script may redefine a wrapper to see
 * the whole message. The defaults of the two user functions treat payloads as Ditto Protocol JSON.
 */
function mapToDittoProtocolMsg(headers, textPayload, bytePayload, contentType) {
  if (contentType === 'application/vnd.eclipse.ditto+json') {
    return JSON.parse(textPayload);
  }
  if (contentType === 'application/octet-stream') {
    try {
      return JSON.parse(Ditto.arrayBufferToString(bytePayload));
    } catch (e) {
      return null;
    }
  }
  return null;
}

function mapToDittoProtocolMsgWrapper(externalMsg) {
  return mapToDittoProtocolMsg(externalMsg.headers, externalMsg.textPayload, externalMsg.bytePayload, externalMsg.contentType);
}

function mapFromDittoProtocolMsg(namespace, name, group, channel, criterion, action, path, dittoHeaders, value, status, extra) {
  var textPayload = JSON.stringify(Ditto.buildDittoProtocolMsg(namespace, name, group, channel, criterion, action,
      path, dittoHeaders, value, status, extra));
  return Ditto.buildExternalMsg(dittoHeaders, textPayload, null, 'application/vnd.eclipse.ditto+json');
}

function mapFromDittoProtocolMsgWrapper(dittoProtocolMsg) {
  var parts = dittoProtocolMsg.topic.split('/');
  var hasChannel = parts[2] === 'things';
  var channel = hasChannel ? parts[3] : 'none';
  var criterionIndex = hasChannel ? 4 : 3;
  // A message subject may contain slashes: everything after the criterion is the action.
  var action = parts.length > criterionIndex + 1 ? parts.slice(criterionIndex + 1).join('/') : undefined;
  return mapFromDittoProtocolMsg(parts[0], parts[1], parts[2], channel, parts[criterionIndex], action,
      dittoProtocolMsg.path, dittoProtocolMsg.headers, dittoProtocolMsg.value, dittoProtocolMsg.status,
      dittoProtocolMsg.extra);
}
