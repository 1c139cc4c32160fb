import { Validations, type RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Route, RouteAuth } from '../shared/routes.js';
import { constructIdFor } from './functions.js';

export interface GatehouseHttpApiProps {
  readonly apiName: string;
  /** The route table (shared/routes.ts): one API Gateway route per row. */
  readonly routes: readonly Route[];
  /** The function serving a handler module. */
  readonly functionFor: (fn: string) => IFunction;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Why a route has no API Gateway authorizer (cdk-nag AwsSolutions-APIG4), by the route table's `auth`.
 * `iam` routes get the IAM authorizer and need no reason.
 */
const openRouteReasons: Readonly<Record<Exclude<RouteAuth, 'iam'>, string>> = {
  public:
    'Public OIDC/OAuth protocol endpoint: anyone may call it, as on Keycloak; authorization is the protocol itself ' +
    '(client authentication, codes, tokens; RFC 6749), applied in the handler.',
  bearer:
    "Keycloak-style bearer token (realm-management roles) verified in the handler (DESIGN.md §9); API Gateway cannot check Gatehouse's own tokens.",
};

/**
 * The HTTP API (payload format 2.0) with one route per route table row, its path and method exactly as
 * written there, and JSON access logs. `iam` routes are SigV4-authorized by API Gateway; `public` and
 * `bearer` routes reach their handler unauthenticated, which checks what the protocol requires.
 */
export class GatehouseHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: GatehouseHttpApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      apiName: props.apiName,
      description: 'Gatehouse: Keycloak-compatible identity and access management',
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: props.removalPolicy });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: { destination: new LogGroupLogDestination(this.accessLogs), format: accessLogFormat() },
    });

    const integrations = new Map<string, HttpLambdaIntegration>();
    const integrationFor = (fn: string): HttpLambdaIntegration => {
      let integration = integrations.get(fn);
      if (!integration) {
        // One invoke permission per function for the whole API, not one per route: a function serves
        // many routes (admin resources) and each permission is a resource in a 500-resource stack.
        integration = new HttpLambdaIntegration(`${constructIdFor(fn)}Integration`, props.functionFor(fn), {
          payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
          scopePermissionToRoute: false,
        });
        integrations.set(fn, integration);
      }
      return integration;
    };
    const iamAuthorizer = new HttpIamAuthorizer();

    for (const route of props.routes) {
      const authorizer: IHttpRouteAuthorizer | undefined = route.auth === 'iam' ? iamAuthorizer : undefined;
      const httpRoute = new HttpRoute(this, `Route${constructIdFor(route.name)}`, {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrationFor(route.fn),
        ...(authorizer ? { authorizer } : {}),
      });
      if (route.auth !== 'iam') {
        Validations.of(httpRoute).acknowledge({ id: 'AwsSolutions-APIG4', reason: openRouteReasons[route.auth] });
      }
    }
  }

  /** Base URL of the default stage, e.g. `https://abc.execute-api.eu-west-1.amazonaws.com/`. */
  get url(): string {
    return this.stage.url;
  }
}

/**
 * JSON access log line. Route key and status, not the raw path or query string: query strings carry
 * codes and tokens, which must never be logged (DESIGN.md §11).
 */
function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: '$context.requestId',
      time: '$context.requestTime',
      ip: '$context.identity.sourceIp',
      userAgent: '$context.identity.userAgent',
      routeKey: '$context.routeKey',
      status: '$context.status',
      protocol: '$context.protocol',
      responseLength: '$context.responseLength',
      latency: '$context.responseLatency',
      integrationLatency: '$context.integrationLatency',
      integrationError: '$context.integrationErrorMessage',
    }),
  );
}
