/**
 * Durable events between plugins: a plugin records an event in the same transaction as the change that causes it
 * (a transactional outbox in PostgreSQL), and every plugin that subscribes to its type handles it exactly once, in a
 * transaction of its own that also records the delivery. Plugins share only the event types and payload fields
 * declared here ({@link cn.zhenxing.sdk.event.EventTypes}), never each other's classes.
 */
package cn.zhenxing.sdk.event;
