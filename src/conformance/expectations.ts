// What the checks demand of single answers, shared by them. Each throws a ContractViolation.
import fc from 'fast-check';
import { errors, operations, type ErrorName } from '../../generated/contract.js';
import * as validators from '../../generated/validators.js';
import { toViolations, summarize } from '../violation.js';
import { CONTENT_TYPE, errorCode, type OperationName } from '../wire.js';
import type { CheckContext } from './Check.js';
import { ContractViolation } from './ContractViolation.js';
import { responseJson, type Exchange } from './Exchange.js';
import { isRetryable } from './httpTarget.js';

/** The error code an SDK reads from an answer: body `__type`, else `code`/`Code`, else the header. */
export function codeOf(exchange: Exchange): string | undefined {
  const body = responseJson(exchange);
  const type = body?.__type ?? body?.code ?? body?.Code ?? exchange.response.headers['x-amzn-errortype'];
  return typeof type === 'string' ? errorCode(type) : undefined;
}

export function fail(message: string, exchange?: Exchange): never {
  throw new ContractViolation(message, exchange);
}

/** Against AWS, "try again later" says nothing about the contract: skip the run. */
export function skipIfBusy(context: CheckContext, exchange: Exchange): void {
  if (!context.target.local && isRetryable(exchange)) fc.pre(false);
}

export function expectHeaders(exchange: Exchange): void {
  const type = exchange.response.headers['content-type']?.split(';')[0]?.trim();
  if (type !== CONTENT_TYPE) fail(`Content-Type is ${JSON.stringify(exchange.response.headers['content-type'])}, not ${CONTENT_TYPE}`, exchange);
  if (!exchange.response.headers['x-amzn-requestid']) fail('the answer has no x-amzn-RequestId header', exchange);
}

export function expectValid(schema: string, value: unknown, exchange: Exchange): void {
  const validate = (validators as Record<string, (v: unknown) => boolean & { errors?: unknown }>)[schema]!;
  if (!validate(value)) {
    const violations = toViolations((validate as unknown as { errors: never }).errors);
    fail(`the body does not satisfy ${schema}: ${summarize(violations)}`, exchange);
  }
}

export function expectSuccess(operation: OperationName, exchange: Exchange): any {
  if (exchange.response.status !== 200) fail(`${operation} answered ${exchange.response.status} ${codeOf(exchange) ?? ''} to a valid request`, exchange);
  expectHeaders(exchange);
  const body = responseJson(exchange);
  if (body === undefined) fail('the 200 body is not JSON', exchange);
  expectValid(operations[operation].output, body, exchange);
  return body;
}

/** An error answer as the contract has it: a code the operation declares, its status, its body. */
export function expectErrorContract(operation: OperationName, exchange: Exchange): ErrorName {
  const { status } = exchange.response;
  const code = codeOf(exchange);
  if (!code) fail(`a ${status} answer with no error code (__type)`, exchange);
  if (!(operations[operation].errors as string[]).includes(code)) fail(`${operation} answered ${code}, which it does not declare`, exchange);
  const name = code as ErrorName;
  if (status !== errors[name].httpStatus) fail(`${code} came with status ${status}; the contract gives it ${errors[name].httpStatus}`, exchange);
  expectHeaders(exchange);
  expectValid(name, responseJson(exchange), exchange);
  return name;
}

/** A refusal of an invalid request: 400, one of the codes allowed, no JobId. */
export function expectRefusal(exchange: Exchange, allowed: readonly string[]): string {
  const code = codeOf(exchange);
  if (exchange.response.status !== 400 || !code || !allowed.includes(code)) {
    fail(`expected 400 with ${allowed.join(' or ')}, got ${exchange.response.status} ${code ?? '(no error code)'}`, exchange);
  }
  if (responseJson(exchange)?.JobId !== undefined) fail('a refused request was answered with a JobId', exchange);
  return code;
}
