package cn.zhenxing.server.plugin;

import cn.zhenxing.sdk.personal.PersonalData;
import cn.zhenxing.server.audit.AuditTrail;
import cn.zhenxing.server.event.EventOutbox;
import cn.zhenxing.server.http.ConstraintFields;
import cn.zhenxing.server.notify.NotificationCenter;
import cn.zhenxing.server.security.AccessDenials;
import cn.zhenxing.server.security.PermissionRegistry;
import cn.zhenxing.server.sheet.SheetService;

/**
 * The platform services the host hands to every plugin: security, audit, personal data, events, spreadsheets,
 * notifications.
 */
public record PlatformServices(PermissionRegistry permissions, AccessDenials denials, AuditTrail audit,
    PersonalData personalData, EventOutbox events, SheetService sheets, NotificationCenter notifications,
    ConstraintFields constraints) {
}
