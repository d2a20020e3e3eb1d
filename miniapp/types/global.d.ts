/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro at build time: the platform being built. */
    TARO_ENV: 'weapp' | 'h5';
    /** API origin, e.g. https://wuye.example.gov.cn; empty → per-platform default (src/services/http.ts). */
    TARO_APP_API_BASE?: string;
  }
}
