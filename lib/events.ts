import type { Duration } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';

export interface GatehouseEventsProps {
  /** The bus is named after the stack, so several stacks can share an account and region. */
  readonly busName: string;
  /** Keep a replayable archive of Gatehouse's events this long. @default no archive */
  readonly archiveRetention?: Duration;
}

/**
 * The custom EventBridge bus the stream publisher puts Gatehouse's user and admin events on
 * (`source: gatehouse`, DESIGN.md §10); listeners are rules on it, added by their own constructs.
 */
export class GatehouseEvents extends Construct {
  /** Source of every event Gatehouse publishes. */
  static readonly source = 'gatehouse';
  readonly bus: EventBus;

  constructor(scope: Construct, id: string, props: GatehouseEventsProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', {
      eventBusName: props.busName,
      description: 'Gatehouse user and admin events (Keycloak event representations)',
    });
    if (props.archiveRetention) {
      this.bus.archive('Archive', {
        description: 'Replayable copy of Gatehouse events',
        eventPattern: { source: [GatehouseEvents.source] },
        retention: props.archiveRetention,
      });
    }
  }
}
