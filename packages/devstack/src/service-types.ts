export type ServicesPurpose = 'start' | 'test';

export interface ResolvedService {
  url: string;
  embedded: boolean;
  notice: string;
  stop(): Promise<void>;
}
