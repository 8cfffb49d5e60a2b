// bpmnlint's conditional-flows, knowing Cairn's paths: a path out of a branch carries its rule as
// cairn:condition (Cairn compiles it to the engine's condition), an A/B path its cairn:weight.
import { cairnProperties } from '../kinds';

function hasCondition(flow) {
  const settings = cairnProperties(flow);
  return !!flow.conditionExpression || !!settings['cairn:condition'] || settings['cairn:weight'] !== undefined;
}

export default function conditionalFlows() {
  function check(node, reporter) {
    const outgoing = node.outgoing || [];
    const forking = node.default || outgoing.some(hasCondition);
    if (!forking) {
      return;
    }
    for (const flow of outgoing) {
      if (!hasCondition(flow) && node.default !== flow) {
        reporter.report(flow.id, 'This path has no condition; set one, or make it the path for everyone else', ['conditionExpression']);
      }
    }
  }
  return { check };
}
