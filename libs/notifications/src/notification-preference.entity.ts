import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from '@app/users';

/** A user's choice of outside channels for one kind; without a row, the kind's defaults apply. */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notification_preferences_user' })
  user?: Relation<User>;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  kind: string;

  @Column({ type: 'boolean' })
  email: boolean;

  @Column({ type: 'boolean' })
  webhook: boolean;
}
