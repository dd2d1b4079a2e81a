package cn.zhenxing.server.plugin;

import cn.zhenxing.sdk.personal.PersonalData;
import cn.zhenxing.server.audit.AuditTrail;
import cn.zhenxing.server.security.AccessDenials;
import cn.zhenxing.server.security.PermissionRegistry;

/** The security-related services the host hands to every plugin's context. */
public record PlatformServices(PermissionRegistry permissions, AccessDenials denials, AuditTrail audit,
    PersonalData personalData) {
}
