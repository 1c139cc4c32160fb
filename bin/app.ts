#!/usr/bin/env node
import { gatehouseApp } from '../lib/app.js';

// `npm run synth` / `npx cdk synth`: the stack `Gatehouse` (context `stackName` renames it),
// checked by cdk-nag's AwsSolutionsChecks (see lib/app.ts).
gatehouseApp().app.synth();
