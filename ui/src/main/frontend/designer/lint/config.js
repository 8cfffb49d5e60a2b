// The bpmnlint rules a journey must pass, packed for the browser (bpmn-js-bpmnlint) and for the
// check of the library journeys: bpmnlint's recommended set, with conditional-flows replaced by
// Cairn's own, which knows cairn:condition and cairn:weight.
import adHocSubProcess from 'bpmnlint/rules/ad-hoc-sub-process';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway';
import eventSubProcessTypedStartEvent from 'bpmnlint/rules/event-sub-process-typed-start-event';
import fakeJoin from 'bpmnlint/rules/fake-join';
import global from 'bpmnlint/rules/global';
import labelRequired from 'bpmnlint/rules/label-required';
import linkEvent from 'bpmnlint/rules/link-event';
import noBpmndi from 'bpmnlint/rules/no-bpmndi';
import noComplexGateway from 'bpmnlint/rules/no-complex-gateway';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end';
import noImplicitStart from 'bpmnlint/rules/no-implicit-start';
import noInclusiveGateway from 'bpmnlint/rules/no-inclusive-gateway';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';
import superfluousLabel from 'bpmnlint/rules/superfluous-label';
import superfluousTermination from 'bpmnlint/rules/superfluous-termination';
import conditionalFlows from './conditional-flows';

const RULES = {
  'bpmnlint/ad-hoc-sub-process': [adHocSubProcess, 'error'],
  'bpmnlint/end-event-required': [endEventRequired, 'error'],
  'bpmnlint/event-based-gateway': [eventBasedGateway, 'error'],
  'bpmnlint/event-sub-process-typed-start-event': [eventSubProcessTypedStartEvent, 'error'],
  'bpmnlint/fake-join': [fakeJoin, 'warn'],
  'bpmnlint/global': [global, 'warn'],
  'bpmnlint/label-required': [labelRequired, 'error'],
  'bpmnlint/link-event': [linkEvent, 'error'],
  'bpmnlint/no-bpmndi': [noBpmndi, 'error'],
  'bpmnlint/no-complex-gateway': [noComplexGateway, 'error'],
  'bpmnlint/no-disconnected': [noDisconnected, 'error'],
  'bpmnlint/no-duplicate-sequence-flows': [noDuplicateSequenceFlows, 'error'],
  'bpmnlint/no-gateway-join-fork': [noGatewayJoinFork, 'error'],
  'bpmnlint/no-implicit-split': [noImplicitSplit, 'error'],
  'bpmnlint/no-implicit-end': [noImplicitEnd, 'error'],
  'bpmnlint/no-implicit-start': [noImplicitStart, 'error'],
  'bpmnlint/no-inclusive-gateway': [noInclusiveGateway, 'warn'],
  'bpmnlint/no-overlapping-elements': [noOverlappingElements, 'warn'],
  'bpmnlint/single-blank-start-event': [singleBlankStartEvent, 'error'],
  'bpmnlint/single-event-definition': [singleEventDefinition, 'error'],
  'bpmnlint/start-event-required': [startEventRequired, 'error'],
  'bpmnlint/sub-process-blank-start-event': [subProcessBlankStartEvent, 'error'],
  'bpmnlint/superfluous-gateway': [superfluousGateway, 'warn'],
  'bpmnlint/superfluous-label': [superfluousLabel, 'warn'],
  'bpmnlint/superfluous-termination': [superfluousTermination, 'warn'],
  'bpmnlint-plugin-cairn/conditional-flows': [conditionalFlows, 'error'],
};

function ruleName(key) {
  const [pkg, name] = key.split('/');
  return pkg === 'bpmnlint' ? name : 'cairn/' + name;
}

export const config = {
  rules: Object.fromEntries(Object.entries(RULES).map(([key, [, level]]) => [ruleName(key), level])),
};

export const resolver = {
  resolveRule(pkg, name) {
    const entry = RULES[pkg + '/' + name];
    if (!entry) {
      throw new Error('unknown lint rule ' + pkg + '/' + name);
    }
    return entry[0];
  },
  resolveConfig(pkg, name) {
    throw new Error('unknown lint configuration ' + pkg + '/' + name);
  },
};

export default { config, resolver };
