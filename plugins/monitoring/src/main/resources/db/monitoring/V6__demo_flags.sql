-- Demo rows of the issue #6 registers are marked like the households' (ZX_DEMO_DATA=true only).
ALTER TABLE monitoring.insurance_policy ADD COLUMN demo boolean NOT NULL DEFAULT false;
ALTER TABLE monitoring.resettlement_community ADD COLUMN demo boolean NOT NULL DEFAULT false;
ALTER TABLE monitoring.joint_meeting ADD COLUMN demo boolean NOT NULL DEFAULT false;
