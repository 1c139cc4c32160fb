import { loadSettings, once, parse, type Settings } from '../config/env-config.js';

export interface EventsConfig {
  /**
   * The EventBridge bus the publisher puts events on (the stack sets its bus).
   * @default "gatehouse"
   */
  readonly eventBus: string;
  /**
   * Webhook infrastructure the listener sync wires each webhook listener's rule to (set by the stack):
   * the shared EventBridge connection, the role EventBridge assumes to call API destinations, and the
   * dead-letter queue of deliveries that failed for good.
   * @default undefined
   */
  readonly webhookConnectionArn: string | undefined;
  readonly webhookRoleArn: string | undefined;
  readonly deadLetterQueueArn: string | undefined;
  /**
   * Sender of listener mails (Keycloak's email listener) when the realm's SMTP settings name none; on
   * AWS an SES-verified identity.
   * @default "gatehouse@localhost"
   */
  readonly mailFrom: string;
  /**
   * SES endpoint; `npm start` points it at its SES stand-in. Unset on AWS.
   * @default undefined
   */
  readonly sesEndpoint: string | undefined;
}

const settings: Settings<EventsConfig> = {
  eventBus: { variable: 'GATEHOUSE_EVENT_BUS', parse: parse.text, defaultValue: 'gatehouse' },
  webhookConnectionArn: { variable: 'GATEHOUSE_WEBHOOK_CONNECTION_ARN', parse: parse.optional(parse.text), defaultValue: undefined },
  webhookRoleArn: { variable: 'GATEHOUSE_WEBHOOK_ROLE_ARN', parse: parse.optional(parse.text), defaultValue: undefined },
  deadLetterQueueArn: { variable: 'GATEHOUSE_EVENTS_DLQ_ARN', parse: parse.optional(parse.text), defaultValue: undefined },
  mailFrom: { variable: 'GATEHOUSE_MAIL_FROM', parse: parse.text, defaultValue: 'gatehouse@localhost' },
  sesEndpoint: { variable: 'GATEHOUSE_SES_ENDPOINT', parse: parse.optional(parse.text), defaultValue: undefined },
};

export const eventsConfig = once(() => loadSettings(settings));
