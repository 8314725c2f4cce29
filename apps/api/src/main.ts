import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { createApiApp } from './create-api-app.js';

const config = loadConfigOrExit();
const app = await createApiApp(config);
await app.listen({ port: config.http.port, host: '0.0.0.0' });
