/**
 * The Zhenxing plugin SDK: everything a programme plugin may use from the platform.
 *
 * <p>A plugin implements {@link cn.zhenxing.sdk.ZhenxingPlugin} (annotated with PF4J's {@code @Extension}) and
 * declares what it contributes through the one {@link cn.zhenxing.sdk.PluginContext} it is given: HTTP routes,
 * scheduled jobs, database migrations, seed and demo data, metrics and its configuration section. The SDK holds
 * interfaces and small value types only; the server behind them is never visible to a plugin.
 *
 * <p>See {@code core/sdk/GUIDE.md} for a walk-through.
 */
package cn.zhenxing.sdk;
