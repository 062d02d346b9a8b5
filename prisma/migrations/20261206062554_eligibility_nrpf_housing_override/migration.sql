-- AlterTable
ALTER TABLE "Award" ADD COLUMN     "overriddenRules" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "overrideReason" TEXT;

-- AlterTable
ALTER TABLE "Fund" ADD COLUMN     "publicFunds" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Pot" ADD COLUMN     "housingPayment" BOOLEAN NOT NULL DEFAULT false;


